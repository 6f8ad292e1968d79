"""The project's GraphQL view, composed from one mixin per concern."""

from .batching import DeliveryScopeMixin
from .caching import BaseGraphQLView, ResponseCacheMixin


class CMSGraphQLView(ResponseCacheMixin, DeliveryScopeMixin, BaseGraphQLView):
    pass
