"""The project's GraphQL view, composed from one mixin per concern."""

from graphene_django.views import GraphQLView

from .http import GraphQLOverHTTPMixin
from .persisted_queries import PersistedQueryMixin


class CMSGraphQLView(PersistedQueryMixin, GraphQLOverHTTPMixin, GraphQLView):
    pass
