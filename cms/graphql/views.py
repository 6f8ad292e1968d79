"""The project's GraphQL view, composed from one mixin per concern.

Order matters (outermost first): persisted queries resolve ``query`` from a hash before the
HTTP mixin checks parameters and negotiates the media type; the response cache sees the
resolved query, and a cache miss runs in its own delivery (batching) scope on the base view,
which skips graphene-django's per-request CSRF cookie and re-parsing.
"""

from .batching import DeliveryScopeMixin
from .caching import BaseGraphQLView, ResponseCacheMixin
from .http import GraphQLOverHTTPMixin
from .persisted_queries import PersistedQueryMixin


class CMSGraphQLView(
    PersistedQueryMixin,
    GraphQLOverHTTPMixin,
    ResponseCacheMixin,
    DeliveryScopeMixin,
    BaseGraphQLView,
):
    pass
