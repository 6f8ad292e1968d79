"""The project's GraphQL view, composed from one mixin per concern, on a lean base view.

Before any of it, the view function serves repeated anonymous requests from the response
cache, keyed on the raw request (``ResponseCacheMixin.as_view``); everything else, and every
first request, goes through the mixins. Order matters (outermost first): errors apps see
are made safe; oversized or malformed bodies are refused and no exception escapes as a bare
500; oversized documents are refused before anything parses them; persisted queries
resolve ``query`` from a hash before the HTTP mixin checks parameters and negotiates the
media type; the response cache sees the resolved query; a cache miss counts towards the
client's rate limit and runs in its own delivery (batching) scope on the base view, which
skips graphene-django's per-request CSRF cookie and re-parsing, and checks the operation's
limits against its variables before executing it.
"""

from graphene_django.settings import graphene_settings
from graphene_django.views import GraphQLView
from graphql import ExecutionResult, OperationType, execute

from .batching import DeliveryScopeMixin
from .caching import ResponseCacheMixin, parsed_query
from .errors import SafeErrorsMixin
from .http import GraphQLOverHTTPMixin
from .limits import QueryLimitsMixin, check_operation_limits, validation_rules
from .persisted_queries import PersistedQueryMixin
from .rate_limit import RateLimitMixin
from .request_guard import RequestGuardMixin


class BaseGraphQLView(GraphQLView):
    """graphene-django's view, minus two costs paid on every request, plus the limits.

    - The CSRF cookie it sets on every response: the API is ``csrf_exempt`` and reads no
      cookies, and a ``Set-Cookie`` on a public response stops CDNs from caching it.
    - Parsing and validating the query text again: queries are executed from the document
      ``parsed_query`` keeps, validated once per schema with fixed rules.
    - Between validation and execution, the limits that depend on the variables
      (``delivery.limits.check_operation_limits``).

    Only this path executes: graphene's own, taken for anything else, only reports errors
    (syntax, unknown operation, mutations on a read-only schema).
    The project's mixins come before it, so their overrides wrap this execution.
    """

    dispatch = GraphQLView.dispatch.__wrapped__  # undecorated: no ensure_csrf_cookie

    @property
    def validation_rules(self):
        return validation_rules()

    @validation_rules.setter
    def validation_rules(self, rules):
        """graphene-django's ``__init__`` assigns its default; the rules are fixed."""

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        result = self.execute_parsed_query(request, query, variables, operation_name)
        if result is None:  # anything but a query that can run: graphene's own errors
            result = super().execute_graphql_request(
                request, data, query, variables, operation_name, show_graphiql
            )
        return result

    def execute_parsed_query(self, request, query, variables, operation_name):
        """The result of a query run from its parsed, validated document, or of refusing
        it (validation errors, limits); ``None`` for anything else.

        The same as graphene-django's ``execute_graphql_request`` for this case, minus
        parsing and validating the text again.
        """
        parsed = parsed_query(query) if query and isinstance(query, str) else None
        if parsed is None:
            return None
        operation = parsed.operation(operation_name)
        if operation is None or operation.operation != OperationType.QUERY:
            return None
        schema = self.schema.graphql_schema
        errors = parsed.validate(
            schema, self.validation_rules, graphene_settings.MAX_VALIDATION_ERRORS
        )
        if not errors:
            exceeded = check_operation_limits(schema, parsed.document, operation, variables)
            errors = [exceeded] if exceeded is not None else []
        if errors:
            return ExecutionResult(data=None, errors=errors)
        options = {
            "root_value": self.get_root_value(request),
            "context_value": self.get_context(request),
            "variable_values": variables,
            "operation_name": operation_name,
            "middleware": self.get_middleware(request),
        }
        if self.execution_context_class:
            options["execution_context_class"] = self.execution_context_class
        try:
            return execute(schema, parsed.document, **options)
        except Exception as error:  # as graphene-django does: an error in the response
            return ExecutionResult(errors=[error])


class CMSGraphQLView(
    SafeErrorsMixin,
    RequestGuardMixin,
    QueryLimitsMixin,
    PersistedQueryMixin,
    GraphQLOverHTTPMixin,
    ResponseCacheMixin,
    RateLimitMixin,
    DeliveryScopeMixin,
    BaseGraphQLView,
):
    pass
