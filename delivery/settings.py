"""The delivery API's settings, each with a default, read through one object.

Modelled on Grapple's ``grapple.settings``: code reads ``delivery_settings.GRAPHQL_LIMITS``
(never ``django.conf.settings`` directly), which gives the project's value, or the default
when the project sets none. A dict-valued setting is merged key by key with its defaults,
so a deployment that overrides ``GRAPHQL_LIMITS = {"MAX_DEPTH": 6}`` keeps every other
limit (and a new key added in a release reaches deployments that do not know it). Keys
the defaults do not name are kept, unchecked. Values are cached until a setting changes
(``override_settings`` and pytest-django's ``settings`` fixture reload them).

Grapple's own settings (``PAGE_SIZE``, ``MAX_PAGE_SIZE``, ``ALLOWED_IMAGE_FILTERS``, ...)
are read through ``grapple.settings.grapple_settings``, which applies Grapple's defaults.
"""

from django.conf import settings as django_settings
from django.test.signals import setting_changed

DEFAULTS = {
    # Limits on one GraphQL request (delivery/limits.py; README "Security" gives reasons).
    "GRAPHQL_LIMITS": {
        "MAX_QUERY_BYTES": 8 * 1024,
        "MAX_DEPTH": 8,
        "MAX_ALIASES": 20,
        "MAX_COMPLEXITY": 100_000,
        "LIST_SIZE_ESTIMATE": 10,
        "MAX_SELECTIONS": 100,
        "MAX_REPEATED_FIELD": 10,
        "MAX_OPERATIONS": 5,
        "MAX_STRING_ARGUMENT_LENGTH": 1_000,
        "MAX_LIST_ARGUMENT_LENGTH": 20,
        "MAX_SEARCH_TERMS": 10,
        "SEARCH_TERM_COST": 1_000,
        "SRCSET_SIZE_COST": 10,
        # The request itself (delivery/request_guard.py), before anything parses it.
        "MAX_BODY_BYTES": 64 * 1024,
        "MAX_VARIABLES_DEPTH": 8,
    },
    # Per-client limit on uncached GraphQL work (delivery/rate_limit.py).
    "GRAPHQL_RATE_LIMIT": {
        "ENABLED": True,
        "REQUESTS": 600,
        "WINDOW_SECONDS": 60,
        "EXEMPT": [],
        "CACHE_ALIAS": "default",
    },
    # The Content-Security-Policy of /graphql/ responses: JSON, nothing to run.
    "GRAPHQL_CONTENT_SECURITY_POLICY": {
        "default-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
        "frame-ancestors": ["'none'"],
    },
    # Schema introspection (__schema, __type); production turns it off.
    "GRAPHQL_INTROSPECTION": True,
    # Response cache and HTTP caching headers (delivery/caching.py).
    "GRAPHQL_RESPONSE_CACHE": {
        "ENABLED": True,
        "CACHE_ALIAS": "default",
        "TIMEOUT": 3600,
        "MAX_AGE": 0,
        "S_MAXAGE": 60,
        # Without a shared cache: the file holding the content generation that every
        # process on this host reads (delivery/generation.py); None keeps it in the cache.
        "GENERATION_FILE": None,
    },
    # Automatic persisted queries (delivery/persisted_queries.py): how long a query is
    # kept, and the longest query that is stored.
    "GRAPHQL_PERSISTED_QUERIES": {"TIMEOUT": 7 * 24 * 3600, "MAX_QUERY_LENGTH": 20_000},
    # How long a draft preview token is honoured (delivery/preview.py).
    "PREVIEW_TOKEN_MAX_AGE_SECONDS": 3600,
}


class DeliverySettings:
    """The settings in ``DEFAULTS``, as attributes: the project's value over the default."""

    def __init__(self, defaults):
        self.defaults = defaults
        self._cached = set()

    def __getattr__(self, name):
        if name not in self.defaults:
            raise AttributeError(f"Invalid delivery setting: {name!r}")
        default = self.defaults[name]
        value = getattr(django_settings, name, default)
        if isinstance(default, dict):
            value = {**default, **(value or {})}
        self._cached.add(name)
        setattr(self, name, value)
        return value

    def reload(self, name=None):
        for cached in list(self._cached):
            if name is None or cached == name:
                delattr(self, cached)
                self._cached.discard(cached)


delivery_settings = DeliverySettings(DEFAULTS)


def reload_delivery_settings(*, setting, **kwargs):
    if setting in DEFAULTS:
        delivery_settings.reload(setting)


setting_changed.connect(reload_delivery_settings)
