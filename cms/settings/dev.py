"""Local development: debug on, GraphiQL at /graphiql/, emails to the console."""

from .base import *  # noqa: F403
from .base import GRAPPLE

DEBUG = True
SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

GRAPPLE = {**GRAPPLE, "EXPOSE_GRAPHIQL": True}

# Receivers run on this machine in development (examples/webhook_receiver.py).
WEBHOOK_ALLOW_PRIVATE_TARGETS = True
