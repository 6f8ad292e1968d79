"""The project's GraphQL endpoint: graphene-django's view plus small mixins, one per concern."""

from graphene_django.views import GraphQLView
from graphql import ExecutionResult

from .errors import SafeErrorsMixin
from .limits import document_too_large, validation_rules


class QueryLimitsMixin:
    """Refuses oversized documents before parsing; validates with the limits rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Until the request's variables are known (e.g. for code validating a query before
        # executing it), lists sized by variables count at their default size.
        self.validation_rules = validation_rules()

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        if isinstance(query, str):
            error = document_too_large(query)
            if error is not None:
                return ExecutionResult(data=None, errors=[error])
        # One view instance serves one request: the rules can size lists from variables.
        self.validation_rules = validation_rules(variables)
        return super().execute_graphql_request(
            request, data, query, variables, operation_name, show_graphiql
        )


class CMSGraphQLView(SafeErrorsMixin, QueryLimitsMixin, GraphQLView):
    pass
