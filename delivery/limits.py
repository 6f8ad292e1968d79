"""Limits on what one GraphQL request may ask for, checked before anything is resolved.

A request over a limit gets HTTP 400 and a GraphQL error whose message names the limit
(and the argument or variable) and whose ``extensions.code`` is the limit's own
(``delivery.error_codes``). The numbers live in ``GRAPHQL_LIMITS`` (defaults in
``delivery.settings``; README "Security" gives the reasons). Three checks, in order:

1. ``MAX_QUERY_BYTES``, the size of the query document, before it is parsed
   (``QueryLimitsMixin``).
2. What the document alone decides, as the first of a fixed list of validation rules
   (``DocumentLimitsRule``); validation runs once per (schema, document), since the rules
   never change with the request:

   - ``MAX_OPERATIONS``: operations in one document (only one runs per request);
   - ``MAX_SELECTIONS``: fields and fragments in one selection set (``{ a b ...F }`` has 3);
   - ``MAX_DEPTH``: nesting of fields (fragments expanded, introspection not counted);
   - ``MAX_ALIASES``: aliased fields in the operation (fragments expanded; ``__typename``
     counts like any field);
   - ``MAX_REPEATED_FIELD``: times one response name is selected at one level, fragments
     included (graphql-core compares repeated fields pairwise: quadratic time).

   graphql-core's standard rules are not linear, so they only run on documents within
   these limits.
3. What the variables decide, on the operation about to run, with the variables as the
   schema coerces them (operation defaults included, so ``"100"``, ``100.0`` and
   ``$n: Int = 100`` all count as 100) and every argument's default
   (``check_operation_limits``):

   - ``MAX_STRING_ARGUMENT_LENGTH`` and ``MAX_LIST_ARGUMENT_LENGTH``: every string and list
     in a variable or an argument (``contentType``, ``order``, ``searchQuery``,
     ``srcSet(sizes:)``, ...); raw variables are measured before they are coerced;
   - ``MAX_SEARCH_TERMS``: words in one search (``searchQuery``, ``search(query:)``);
   - ``MAX_COMPLEXITY``: estimated cost. Every field costs 1, and the fields under a list
     cost once per item: its ``limit``/``perPage`` (Grapple's ``PAGE_SIZE`` when absent,
     at most ``MAX_PAGE_SIZE``), or ``LIST_SIZE_ESTIMATE`` for lists without one (body
     blocks, snippets, ...). A search costs ``SEARCH_TERM_COST`` per term, and ``srcSet``
     ``SRCSET_SIZE_COST`` per size (each size may render an image).

Introspection (``__schema``, ``__type``) is refused unless ``GRAPHQL_INTROSPECTION`` is on.
"""

from functools import cache

from django.test.signals import setting_changed
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLList,
    InlineFragmentNode,
    OperationType,
    Undefined,
    get_named_type,
    get_nullable_type,
    value_from_ast,
)
from graphql.execution.values import get_variable_values
from graphql.validation import NoSchemaIntrospectionCustomRule, ValidationRule, specified_rules
from graphql.validation.validate import ValidationAbortedError
from grapple.settings import grapple_settings

from . import error_codes
from .caching import parsed_query
from .error_codes import coded_error
from .http import GraphQLRequestError
from .settings import delivery_settings

PAGING_ARGUMENTS = ("limit", "perPage")
# ``searchQuery`` on Grapple's lists; ``query`` on the root ``search``.
SEARCH_ARGUMENTS = frozenset({"searchQuery", "query"})
SRCSET_SIZES = ("srcSet", "sizes")
SELECTIONS_WALKED_AT_MOST = 10_000


def limits():
    return delivery_settings.GRAPHQL_LIMITS


class LimitExceeded(Exception):
    """A limit the operation is over: its message for the app developer, and its code."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message, self.code = message, code


def document_too_large(query):
    """The ``LimitExceeded`` of a query document over ``MAX_QUERY_BYTES``, else ``None``."""
    size = len(query.encode("utf-8", errors="replace"))
    maximum = limits()["MAX_QUERY_BYTES"]
    if size > maximum:
        return LimitExceeded(
            f"The query document is {size} bytes; the maximum is {maximum} bytes.",
            error_codes.QUERY_TOO_LARGE,
        )
    return None


def argument_name(field_node, name):
    return f"{field_node.name.value}({name}:)"


def check_value_size(value, described, config):
    """Refuse a string or list (an argument's or a variable's) over its limit.

    Nested lists and objects are walked without recursion, and their items all count
    towards the list limit, so no nesting makes this slow or deep.
    """
    max_length = config["MAX_STRING_ARGUMENT_LENGTH"]
    max_items = config["MAX_LIST_ARGUMENT_LENGTH"]
    items, pending = 0, [value]
    while pending:
        current = pending.pop()
        if isinstance(current, str) and len(current) > max_length:
            raise LimitExceeded(
                f"{described} is {len(current)} characters long; strings may have at most "
                f"{max_length} (MAX_STRING_ARGUMENT_LENGTH).",
                error_codes.ARGUMENT_TOO_LONG,
            )
        if isinstance(current, dict):
            current = list(current.values())
        if isinstance(current, list | tuple):
            items += len(current)
            if items > max_items:
                raise LimitExceeded(
                    f"{described} has {items} items; lists may have at most {max_items} "
                    "(MAX_LIST_ARGUMENT_LENGTH).",
                    error_codes.TOO_MANY_LIST_ITEMS,
                )
            pending.extend(current)


class OperationMeasure:
    """Depth, aliases and repeated fields of one operation, fragments expanded; with
    ``variables`` (coerced), also its cost, and the size of every argument."""

    def __init__(self, schema, fragments, variables=None):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.config = limits()
        self.depth = 0
        self.aliases = 0
        self.visited = 0
        self.page_size = grapple_settings.PAGE_SIZE
        self.max_page_size = grapple_settings.MAX_PAGE_SIZE
        self.cost = 0

    def measure(self, operation):
        root = {
            OperationType.QUERY: self.schema.query_type,
            OperationType.MUTATION: self.schema.mutation_type,
            OperationType.SUBSCRIPTION: self.schema.subscription_type,
        }[operation.operation]
        self.cost = self.selection_cost(operation.selection_set, root, 1, None, ())
        return self

    def too_complex(self):
        return LimitExceeded(
            "The query is too complex: its estimated cost is over the maximum of "
            f"{self.config['MAX_COMPLEXITY']}.",
            error_codes.QUERY_TOO_COMPLEX,
        )

    def selection_cost(
        self, selection_set, parent_type, depth, pending_size, fragments, level=None
    ):
        """Cost of a selection set; ``level`` counts response names across its fragments."""
        if selection_set is None:
            return 0
        own_level = level is None
        level = {} if own_level else level
        cost = 0
        for selection in selection_set.selections:
            self.visited += 1
            # Fragments can nest exponentially: stop after this many selections. An 8 KB
            # document has at most a few thousand, so only fragment expansion gets here.
            if self.visited > SELECTIONS_WALKED_AT_MOST:
                raise self.too_complex()
            if isinstance(selection, FieldNode):
                key = (selection.alias or selection.name).value
                level[key] = level.get(key, 0) + 1
                cost += self.field_cost(selection, parent_type, depth, pending_size, fragments)
            elif isinstance(selection, InlineFragmentNode):
                inner_type = self.type_condition(selection, parent_type)
                cost += self.selection_cost(
                    selection.selection_set, inner_type, depth, pending_size, fragments, level
                )
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in fragments:  # unknown or cyclic: other rules
                    continue
                inner_type = self.type_condition(fragment, parent_type)
                cost += self.selection_cost(
                    fragment.selection_set,
                    inner_type,
                    depth,
                    pending_size,
                    (*fragments, name),
                    level,
                )
        if own_level and level:
            name, count = max(level.items(), key=lambda item: item[1])
            if count > self.config["MAX_REPEATED_FIELD"]:
                raise LimitExceeded(
                    f"The field {name!r} is selected {count} times in one selection set "
                    f"(fragments included); the maximum is {self.config['MAX_REPEATED_FIELD']}.",
                    error_codes.TOO_MANY_REPEATED_FIELDS,
                )
        return cost

    def type_condition(self, node, parent_type):
        if node.type_condition is None:
            return parent_type
        return self.schema.get_type(node.type_condition.name.value) or parent_type

    def field_cost(self, node, parent_type, depth, pending_size, fragments):
        if node.alias is not None:
            self.aliases += 1
        name = node.name.value
        if name.startswith("__"):  # __typename is free; introspection has its own switch
            return 0
        self.depth = max(self.depth, depth)
        field_def = (getattr(parent_type, "fields", None) or {}).get(name)
        if field_def is None:  # unknown field: FieldsOnCorrectTypeRule reports it
            return 1
        arguments = self.argument_values(node, field_def)
        own_cost = 1 + self.argument_cost(node, arguments)
        size = self.page_size_of(field_def, arguments)
        multiplier, child_pending = 1, None
        if isinstance(get_nullable_type(field_def.type), GraphQLList):
            multiplier = size or pending_size or self.config["LIST_SIZE_ESTIMATE"]
        elif size is not None:  # a paginated object: its list of items has `size` entries
            child_pending = size
        child_cost = self.selection_cost(
            node.selection_set, get_named_type(field_def.type), depth + 1, child_pending, fragments
        )
        return own_cost + multiplier * child_cost

    def argument_values(self, node, field_def):
        """Each argument's value as execution will see it; ``{}`` without variables
        (measuring the document alone)."""
        if self.variables is None:
            return {}
        given = {argument.name.value: argument.value for argument in node.arguments}
        values = {}
        for name, argument_def in field_def.args.items():
            value = Undefined
            if name in given:
                value = value_from_ast(given[name], argument_def.type, self.variables)
            if value is Undefined:
                value = argument_def.default_value
            if value is not Undefined and value is not None:
                check_value_size(value, f"The argument {argument_name(node, name)}", self.config)
                values[name] = value
        return values

    def argument_cost(self, node, arguments):
        cost = 0
        for name in SEARCH_ARGUMENTS & arguments.keys():
            terms = len(str(arguments[name]).split())
            if terms > self.config["MAX_SEARCH_TERMS"]:
                raise LimitExceeded(
                    f"The argument {argument_name(node, name)} has {terms} search terms; "
                    f"the maximum is {self.config['MAX_SEARCH_TERMS']} (MAX_SEARCH_TERMS).",
                    error_codes.TOO_MANY_SEARCH_TERMS,
                )
            cost += terms * self.config["SEARCH_TERM_COST"]
        field_name, sizes_argument = SRCSET_SIZES
        if node.name.value == field_name and sizes_argument in arguments:
            cost += len(arguments[sizes_argument]) * self.config["SRCSET_SIZE_COST"]
        return cost

    def page_size_of(self, field_def, arguments):
        """The number of items a paged field asks for, or ``None`` if it is not paged."""
        names = [name for name in PAGING_ARGUMENTS if name in field_def.args]
        if not names:
            return None
        sizes = [arguments.get(name) for name in names]
        size = next((size for size in sizes if isinstance(size, int) and size > 0), None)
        return min(size or self.page_size, self.max_page_size)


def max_selections(document):
    """The most selections (fields, fragments) any one selection set of the document has."""
    widest = 0
    stack = list(document.definitions)
    while stack:
        node = stack.pop()
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            widest = max(widest, len(selection_set.selections))
            stack.extend(selection_set.selections)
    return widest


def fragments_of(document):
    return {
        definition.name.value: definition
        for definition in document.definitions
        if definition.kind == "fragment_definition"
    }


class DocumentLimitsRule(ValidationRule):
    """Runs first, on the whole document, and stops validation at the first excess."""

    def enter_document(self, node, *args):
        config = limits()
        operations = [d for d in node.definitions if d.kind == "operation_definition"]
        if len(operations) > config["MAX_OPERATIONS"]:
            self.refuse(
                f"The document has {len(operations)} operations; "
                f"the maximum is {config['MAX_OPERATIONS']}.",
                error_codes.TOO_MANY_OPERATIONS,
            )
        widest = max_selections(node)
        if widest > config["MAX_SELECTIONS"]:
            self.refuse(
                f"A selection set has {widest} selections; "
                f"the maximum is {config['MAX_SELECTIONS']}.",
                error_codes.TOO_MANY_SELECTIONS,
            )
        fragments = fragments_of(node)
        for operation in operations:
            self.check_operation(operation, fragments, config)

    def refuse(self, message, code, node=None):
        raise ValidationAbortedError(message, node, extensions={"code": code})

    def check_operation(self, node, fragments, config):
        try:
            measure = OperationMeasure(self.context.schema, fragments).measure(node)
        except LimitExceeded as exceeded:
            self.refuse(exceeded.message, exceeded.code, node)
        if measure.depth > config["MAX_DEPTH"]:
            self.refuse(
                f"The query is {measure.depth} fields deep; "
                f"the maximum depth is {config['MAX_DEPTH']}.",
                error_codes.QUERY_TOO_DEEP,
                node,
            )
        if measure.aliases > config["MAX_ALIASES"]:
            self.refuse(
                f"The query uses {measure.aliases} aliases; "
                f"the maximum is {config['MAX_ALIASES']}.",
                error_codes.TOO_MANY_ALIASES,
                node,
            )


@cache
def validation_rules():
    """The fixed rules every document is validated with (once per schema and document):
    the document limits, graphql-core's standard rules, and introspection unless enabled."""
    rules = [DocumentLimitsRule, *specified_rules]
    if not delivery_settings.GRAPHQL_INTROSPECTION:
        rules.append(NoSchemaIntrospectionCustomRule)
    return tuple(rules)


def check_operation_limits(schema, document, operation, variables):
    """The ``GraphQLError`` for an operation that, with these variables, is over a limit;
    ``None`` when it may run. ``document`` must have passed validation."""
    config = limits()
    try:
        for name, value in (variables or {}).items():
            check_value_size(value, f"The variable ${name}", config)
        coerced = get_variable_values(schema, operation.variable_definitions, variables or {})
        if isinstance(coerced, list):  # not coercible: execution reports it, running nothing
            return None
        measure = OperationMeasure(schema, fragments_of(document), coerced).measure(operation)
    except LimitExceeded as exceeded:
        return coded_error(exceeded.message, exceeded.code)
    if measure.cost > config["MAX_COMPLEXITY"]:
        return coded_error(
            f"The query's estimated cost is {measure.cost}; the maximum is "
            f"{config['MAX_COMPLEXITY']}. Ask for fewer items per list (limit/perPage) or "
            "fewer fields.",
            error_codes.QUERY_TOO_COMPLEX,
        )
    return None


def forget_validations(*, setting, **kwargs):
    """Validation results are kept per document: a test changing a limit starts afresh."""
    if setting in ("GRAPHQL_LIMITS", "GRAPHQL_INTROSPECTION"):
        validation_rules.cache_clear()
        parsed_query.cache_clear()


setting_changed.connect(forget_validations)


class QueryLimitsMixin:
    """Refuses oversized documents before anything parses them."""

    def get_graphql_params(self, request, data):
        query, variables, operation_name, id_ = super().get_graphql_params(request, data)
        if isinstance(query, str):
            exceeded = document_too_large(query)
            if exceeded is not None:
                raise GraphQLRequestError(exceeded.message, code=exceeded.code)
        return query, variables, operation_name, id_
