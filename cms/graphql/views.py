"""The project's GraphQL view, composed from one mixin per concern."""

from graphene_django.views import GraphQLView

from .batching import DeliveryScopeMixin
from .caching import ResponseCacheMixin


class CMSGraphQLView(ResponseCacheMixin, DeliveryScopeMixin, GraphQLView):
    pass
