"""Fast, deterministic settings for the test suite (SQLite unless DATABASE_URL is set)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
MEDIA_BASE_URL = WAGTAILADMIN_BASE_URL

if REDIS_URL:  # noqa: F405
    # Test runs sharing a Redis (CI, several engineers) never read each other's keys. The
    # prefix is put in the environment so that app servers a test starts (gunicorn workers
    # on cms.settings.test) share the test process's cache, and its invalidations.
    import os
    import uuid

    CACHES["default"]["KEY_PREFIX"] = os.environ.setdefault(  # noqa: F405
        "TEST_CACHE_KEY_PREFIX", f"test-{uuid.uuid4().hex[:8]}"
    )

# The content generation file (without Redis) is this run's own, in the environment so
# that app servers a test starts read the same one.
if not REDIS_URL:  # noqa: F405
    import os
    import tempfile

    GRAPHQL_RESPONSE_CACHE["GENERATION_FILE"] = os.environ.setdefault(  # noqa: F405
        "GRAPHQL_CACHE_GENERATION_FILE",
        os.path.join(tempfile.mkdtemp(prefix="cms-test-"), "content-generation"),
    )

# Webhook receivers in tests are local HTTP servers: fail fast.
WEBHOOK_ENDPOINTS = []
WEBHOOK_TIMEOUT_SECONDS = 0.5
WEBHOOK_MAX_ATTEMPTS = 3
