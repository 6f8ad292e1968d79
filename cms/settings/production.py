"""Production: every secret and host from the environment; refuses to start without them.

Required: ``SECRET_KEY``, ``ALLOWED_HOSTS`` (comma-separated). Recommended: ``DATABASE_URL``,
``REDIS_URL``, ``CSRF_TRUSTED_ORIGINS``, ``WAGTAILADMIN_BASE_URL``, ``FRONTEND_BASE_URL``.
Off unless enabled: ``GRAPHQL_INTROSPECTION=true``, ``GRAPHIQL=true``.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import GRAPPLE, env_list

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the comma-separated host names served.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True

# GraphQL: apps use the committed schema.graphql; introspection and GraphiQL only on request.
GRAPHQL_INTROSPECTION = os.environ.get("GRAPHQL_INTROSPECTION", "false").lower() == "true"
GRAPPLE = {**GRAPPLE, "EXPOSE_GRAPHIQL": os.environ.get("GRAPHIQL", "false").lower() == "true"}
