"""A per-client limit on GraphQL work the response cache could not answer.

Hosted CMSs cap uncached API work per client (DatoCMS: 1,000 requests a minute per token
on requests that miss its CDN). Here each client address (``cms.client_address``, the
same as login throttling: configure ``TRUSTED_PROXY_COUNT`` behind proxies) may make
``GRAPHQL_RATE_LIMIT["REQUESTS"]`` requests per ``WINDOW_SECONDS`` that reach execution;
the next ones get 429 with ``Retry-After`` (seconds until the window ends) and a
GraphQL-shaped ``RATE_LIMITED`` error. Requests answered from the response cache, and 304s
for them, are not counted, nor are requests refused before execution (bad bodies, limits).

Counters live in the cache named by ``CACHE_ALIAS`` (Redis when ``REDIS_URL`` is set), so
every process and app server shares them; a fixed window per client, one ``incr`` a
request. Addresses in ``EXEMPT`` (static build servers, a server-side-rendering frontend
that calls the API from one address for all its readers) are never limited.
"""

import ipaddress
import math
import time
from functools import cache

from axes.helpers import get_client_ip_address
from django.core.cache import caches

from .error_codes import RATE_LIMITED
from .http import GraphQLRequestError
from .settings import delivery_settings

KEY_PREFIX = "graphql:rate:"


def rate_limit_settings():
    return delivery_settings.GRAPHQL_RATE_LIMIT


@cache
def exempt_networks(exempt):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in exempt)


def is_exempt(address, exempt):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in exempt_networks(tuple(exempt)))


def count_request(address, window):
    """This request's number in the client's current window, and seconds the window has
    left."""
    now = time.time()
    window_start = math.floor(now / window) * window
    key = f"{KEY_PREFIX}{address}:{window_start}"
    store = caches[rate_limit_settings()["CACHE_ALIAS"]]
    store.add(key, 0, timeout=window + 1)
    try:
        count = store.incr(key)
    except ValueError:  # evicted in between: this is the window's first request again
        store.set(key, 1, timeout=window + 1)
        count = 1
    return count, max(1, math.ceil(window_start + window - now))


def check_rate_limit(request):
    options = rate_limit_settings()
    if not options["ENABLED"]:
        return
    address = get_client_ip_address(request) or ""
    if is_exempt(address, options["EXEMPT"]):
        return
    count, seconds_left = count_request(address, options["WINDOW_SECONDS"])
    if count > options["REQUESTS"]:
        error = GraphQLRequestError(
            f"Too many uncached requests: at most {options['REQUESTS']} every "
            f"{options['WINDOW_SECONDS']} seconds per client. Retry after {seconds_left} "
            "seconds; repeated queries are answered from the cache and not counted.",
            status=429,
            code=RATE_LIMITED,
        )
        error.response["Retry-After"] = str(seconds_left)
        raise error


class RateLimitMixin:
    """Counts requests on the response cache's miss path; see the module docstring.

    Comes after ``ResponseCacheMixin`` in the view's MRO: its ``get_response`` runs only
    for requests the cache did not answer.
    """

    def get_response(self, request, data, show_graphiql=False):
        check_rate_limit(request)
        return super().get_response(request, data, show_graphiql)
