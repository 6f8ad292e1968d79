"""The project's GraphQL view, composed from one mixin per concern.

Order matters (outermost first): errors apps see are made safe; oversized or malformed
bodies are refused and no exception escapes as a bare 500; oversized documents are
refused before anything parses them; persisted queries resolve ``query`` from a hash
before the HTTP mixin checks parameters and negotiates the media type; the response cache
sees the resolved query; a cache miss counts towards the client's rate limit and runs in
its own delivery (batching) scope on the base view, which skips graphene-django's
per-request CSRF cookie and re-parsing.
"""

from .batching import DeliveryScopeMixin
from .caching import BaseGraphQLView, ResponseCacheMixin
from .errors import SafeErrorsMixin
from .http import GraphQLOverHTTPMixin
from .limits import QueryLimitsMixin
from .persisted_queries import PersistedQueryMixin
from .rate_limit import RateLimitMixin
from .request_guard import RequestGuardMixin


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
