"""Limits on what one GraphQL request may ask for, as graphql-core validation rules.

Every limit is checked before anything is resolved, and a request over one gets a GraphQL
error naming the limit (HTTP 400). The numbers live in ``settings.GRAPHQL_LIMITS`` (see
README "Security"):

- ``MAX_QUERY_BYTES``: size of the query document, checked before it is parsed;
- ``MAX_DEPTH``: nesting of fields (fragments expanded, introspection fields not counted);
- ``MAX_ALIASES``: aliased fields in the operation (fragments expanded);
- ``MAX_COMPLEXITY``: estimated cost; every field costs 1 and the fields under a list cost
  once per item: the list's ``limit``/``perPage`` argument (Grapple's ``PAGE_SIZE`` when
  absent, at most ``MAX_PAGE_SIZE``; a variable counts as its value), or
  ``LIST_SIZE_ESTIMATE`` for lists without one (article body blocks, snippets, ...);
- ``MAX_SELECTIONS``: fields and fragments in one selection set (``{ a b ...F }`` has 3);
- ``MAX_REPEATED_FIELD``: times one response name is selected at one level, fragments
  included (graphql-core compares repeated fields pairwise: quadratic time);
- ``MAX_OPERATIONS``: operations in one document (only one runs per request: batching
  several requests in a JSON array is not accepted).

Introspection (``__schema``, ``__type``) is refused unless ``GRAPHQL_INTROSPECTION`` is on.
"""

from functools import lru_cache

from django.conf import settings
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    InlineFragmentNode,
    IntValueNode,
    OperationType,
    VariableNode,
    get_named_type,
    get_nullable_type,
)
from graphql.validation import (
    NoSchemaIntrospectionCustomRule,
    ValidationRule,
    specified_rules,
)
from graphql.validation.validate import ValidationAbortedError

from . import error_codes
from .http import document_error

PAGING_ARGUMENTS = ("limit", "perPage")
SELECTIONS_WALKED_AT_MOST = 10_000


def limits():
    return settings.GRAPHQL_LIMITS


def document_too_large(query):
    """A GraphQL error if the query document is over ``MAX_QUERY_BYTES``, else ``None``."""
    size = len(query.encode("utf-8", errors="replace"))
    maximum = limits()["MAX_QUERY_BYTES"]
    if size > maximum:
        return GraphQLError(f"The query document is {size} bytes; the maximum is {maximum} bytes.")
    return None


class OverBudget(Exception):
    """Raised to stop measuring a query that is already far over the limits."""


class RepeatedField(Exception):
    """A response name selected too many times at one level (fragments included)."""

    def __init__(self, name, count):
        super().__init__(name, count)
        self.name, self.count = name, count


class OperationMeasure:
    """Depth, aliases and cost of one operation, fragments expanded."""

    def __init__(self, context, variables):
        self.context = context
        self.variables = variables if isinstance(variables, dict) else {}
        self.depth = 0
        self.aliases = 0
        self.visited = 0
        grapple = settings.GRAPPLE
        self.page_size = grapple["PAGE_SIZE"]
        self.max_page_size = grapple["MAX_PAGE_SIZE"]
        self.list_estimate = limits()["LIST_SIZE_ESTIMATE"]
        self.max_repeats = limits()["MAX_REPEATED_FIELD"]
        # Fragments can nest exponentially: stop walking after this many selections. An 8 KB
        # document has at most a few thousand, so only fragment expansion gets this far.
        self.budget = SELECTIONS_WALKED_AT_MOST

    def measure(self, operation):
        schema = self.context.schema
        root = {
            OperationType.QUERY: schema.query_type,
            OperationType.MUTATION: schema.mutation_type,
            OperationType.SUBSCRIPTION: schema.subscription_type,
        }[operation.operation]
        self.cost = self.selection_cost(operation.selection_set, root, 1, None, ())
        return self

    def page_size_of(self, field_node, field_def):
        """The number of items a paged field asks for, or ``None`` if it is not paged."""
        names = [name for name in PAGING_ARGUMENTS if name in field_def.args]
        if not names:
            return None
        size = None
        for argument in field_node.arguments:
            if argument.name.value not in names:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                size = int(value.value)
            elif isinstance(value, VariableNode):
                size = self.variables.get(value.name.value)
        if not isinstance(size, int) or size <= 0:
            size = self.page_size
        return min(size, self.max_page_size)

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
            if self.visited > self.budget:
                raise OverBudget
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
                fragment = self.context.get_fragment(name)
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
            if count > self.max_repeats:
                raise RepeatedField(name, count)
        return cost

    def type_condition(self, node, parent_type):
        if node.type_condition is None:
            return parent_type
        return self.context.schema.get_type(node.type_condition.name.value) or parent_type

    def field_cost(self, node, parent_type, depth, pending_size, fragments):
        name = node.name.value
        if name.startswith("__"):  # __typename is free; introspection has its own switch
            return 0
        if node.alias is not None:
            self.aliases += 1
        self.depth = max(self.depth, depth)
        fields = getattr(parent_type, "fields", None) or {}
        field_def = fields.get(name)
        if field_def is None:  # unknown field: FieldsOnCorrectTypeRule reports it
            return 1
        is_list = isinstance(get_nullable_type(field_def.type), GraphQLList)
        size = self.page_size_of(node, field_def)
        multiplier, child_pending = 1, None
        if is_list:
            multiplier = size or pending_size or self.list_estimate
        elif size is not None:  # a paginated object: its list of items has `size` entries
            child_pending = size
        child_cost = self.selection_cost(
            node.selection_set, get_named_type(field_def.type), depth + 1, child_pending, fragments
        )
        return 1 + multiplier * child_cost


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


def list_sizing_variables(variables):
    """The variables that can size a list (integers), as a hashable key."""
    if not isinstance(variables, dict):
        return ()
    return tuple(
        sorted(
            (name, value)
            for name, value in variables.items()
            if isinstance(value, int) and not isinstance(value, bool)
        )
    )


def query_limit_rule(variables=None):
    """A validation rule enforcing ``GRAPHQL_LIMITS``, sizing lists with ``variables``.

    The same list-sizing variables give the same rule class, so validation results cached
    per rule set (``delivery.caching.ParsedQuery``) stay few and reusable.
    """
    return _query_limit_rule(list_sizing_variables(variables))


@lru_cache(maxsize=128)
def _query_limit_rule(sizing_variables):
    variables = dict(sizing_variables)

    class QueryLimitsRule(ValidationRule):
        """Runs first, on the whole document, and stops validation at the first excess.

        graphql-core's standard rules are not linear (comparing repeated fields for
        overlaps is quadratic), so they only run on documents within the limits.
        """

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
            for operation in operations:
                self.check_operation(operation, config)

        def refuse(self, message, code, node=None):
            raise ValidationAbortedError(message, node, extensions={"code": code})

        def check_operation(self, node, config):
            try:
                measure = OperationMeasure(self.context, variables).measure(node)
            except OverBudget:
                self.refuse(
                    "The query is too complex: its estimated cost is over the maximum "
                    f"of {config['MAX_COMPLEXITY']}.",
                    error_codes.QUERY_TOO_COMPLEX,
                    node,
                )
            except RepeatedField as repeated:
                self.refuse(
                    f"The field {repeated.name!r} is selected {repeated.count} times in one "
                    f"selection set (fragments included); the maximum is "
                    f"{config['MAX_REPEATED_FIELD']}.",
                    error_codes.TOO_MANY_REPEATED_FIELDS,
                    node,
                )
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
            if measure.cost > config["MAX_COMPLEXITY"]:
                self.refuse(
                    f"The query's estimated cost is {measure.cost}; the maximum is "
                    f"{config['MAX_COMPLEXITY']}. Ask for fewer items per list "
                    "(limit/perPage) or fewer fields.",
                    error_codes.QUERY_TOO_COMPLEX,
                    node,
                )

    return QueryLimitsRule


class QueryLimitsMixin:
    """Refuses oversized documents before anything parses them; validates with the limits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Until the request's variables are known (e.g. for code validating a query before
        # executing it), lists sized by variables count at their default size.
        self.validation_rules = validation_rules()

    def get_graphql_params(self, request, data):
        query, variables, operation_name, id_ = super().get_graphql_params(request, data)
        if isinstance(query, str):
            error = document_too_large(query)
            if error is not None:
                raise document_error(request, error.message, error_codes.QUERY_TOO_LARGE)
        # One view instance serves one request: the rules can size lists from variables.
        self.validation_rules = validation_rules(variables)
        return query, variables, operation_name, id_


def validation_rules(variables=None):
    """graphql-core's standard rules, the limits, and introspection unless enabled."""
    rules = [query_limit_rule(variables), *specified_rules]
    if not settings.GRAPHQL_INTROSPECTION:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules
