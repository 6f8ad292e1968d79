"""Production: every secret and host from the environment; refuses to start without them.

Required: ``SECRET_KEY``, ``ALLOWED_HOSTS`` (comma-separated). Recommended: ``DATABASE_URL``,
``REDIS_URL``, ``CSRF_TRUSTED_ORIGINS``, ``WAGTAILADMIN_BASE_URL``, ``FRONTEND_BASE_URL``.
Off unless enabled: ``GRAPHQL_INTROSPECTION=true``, ``GRAPHIQL=true``.
"""

import os

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import GRAPPLE, env_list

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")
# Django's own criteria (check security.W009): the development keys in this repository
# start with "django-insecure" or are short, so they are refused too.
if (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak: use a random string of at least {SECRET_KEY_MIN_LENGTH} "
        f"characters with at least {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different ones, not "
        f"starting with {SECRET_KEY_INSECURE_PREFIX!r}, e.g. from "
        '`python -c "import secrets; print(secrets.token_urlsafe(64))"`.'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the comma-separated host names served.")
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS=* accepts any Host header (poisoned links in emails and cached "
        "responses): list the host names served, e.g. ALLOWED_HOSTS=cms.example.org."
    )
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
