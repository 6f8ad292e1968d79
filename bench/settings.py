"""Benchmark settings: production settings, plus what the benchmark compares against.

Only here: Wagtail's REST API v2 (the baseline the GraphQL API is measured against) and a
bare view returning ``{}`` (the ceiling of this stack). ``bench/run.py`` provides the
environment production settings require (SECRET_KEY, ALLOWED_HOSTS, ...).
"""

from cms.settings.production import *  # noqa: F403
from cms.settings.production import GRAPHQL_RATE_LIMIT, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]
ROOT_URLCONF = "bench.urls"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Seeding 1,000 articles skips search indexing; serving the API never reads the index.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
}
# The bare view gets the middleware an anonymous /graphql/ request gets (delivery.middleware).
ANONYMOUS_API_PATHS = ["/graphql/", "/bench/bare/"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# The benchmark measures throughput from one address: no per-client rate limit.
GRAPHQL_RATE_LIMIT = {**GRAPHQL_RATE_LIMIT, "ENABLED": False}
