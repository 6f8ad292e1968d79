"""Settings shared by every environment.

Environment variables (all optional here; production.py makes some required):

- ``DATABASE_URL``: any dj-database-url URL; SQLite in the project folder when unset.
- ``REDIS_URL``: Django's built-in Redis cache (and cached sessions) when set; local
  memory otherwise.
- ``AWS_STORAGE_BUCKET_NAME`` (+ ``AWS_S3_ENDPOINT_URL``, ...): media on S3-compatible
  storage; the local filesystem otherwise.
- ``WAGTAILADMIN_BASE_URL``: absolute URL of this CMS, used in admin emails and links.
- ``MEDIA_BASE_URL``: origin the API's media URLs are made absolute on; defaults to
  ``WAGTAILADMIN_BASE_URL`` (set it to a CDN or media domain serving ``MEDIA_URL`` paths).
- ``FRONTEND_BASE_URL``: absolute URL of the reader-facing site; internal links in rich text
  are served as URLs on it. Empty means site-relative paths (``/health-articles/...``).
- ``ARTICLE_REVIEW_INTERVAL_MONTHS``: months until an article's next medical review (12).
- ``ARTICLE_TARGET_GRADE``: the Flesch-Kincaid grade articles should not exceed (8).
- ``PREVIEW_FRONTEND_URL``, ``PREVIEW_FRONTEND_URLS``, ``PREVIEW_TOKEN_MAX_AGE_SECONDS``,
  ``PREVIEW_REDIRECT``: draft previews on the frontend (see "Draft preview" below).
- ``WEBHOOK_ENDPOINTS``, ``WEBHOOK_TIMEOUT_SECONDS``, ``WEBHOOK_MAX_ATTEMPTS``,
  ``WEBHOOK_RETRY_BASE_SECONDS``, ``WEBHOOK_RETRY_MAX_SECONDS``: publish webhooks.
"""

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from corsheaders.defaults import default_headers as cors_default_headers

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list of non-empty strings."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_mapping(name):
    """``key=value,key=value`` from the environment as a dict."""
    mapping = {}
    for item in env_list(name):
        key, separator, value = item.partition("=")
        if not separator or not key.strip() or not value.strip():
            raise ValueError(f"{name}: expected key=value pairs, got {item!r}")
        mapping[key.strip()] = value.strip()
    return mapping


def generation_file_path(database):
    """``GRAPHQL_CACHE_GENERATION_FILE``, else a file next to the SQLite database, else
    ``.content-generation`` in the project folder."""
    if os.environ.get("GRAPHQL_CACHE_GENERATION_FILE"):
        return Path(os.environ["GRAPHQL_CACHE_GENERATION_FILE"])
    name = str(database.get("NAME") or "")
    if database["ENGINE"] == "django.db.backends.sqlite3" and name and ":memory:" not in name:
        return Path(f"{name}-content-generation")
    return BASE_DIR / ".content-generation"


def url_origin(url):
    """``scheme://host[:port]`` of a URL: what a Content-Security-Policy source names."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


INSTALLED_APPS = [
    "home",
    "articles",
    "editorial",
    "localization",
    "webhooks",
    "demo",
    "wagtail_headless_preview",
    "django_tasks_db",
    # Translators' editor (segments, sync with the source). After the project's apps,
    # whose admin hooks and URLs take precedence over its own.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Grapple builds the schema in its ready(): it must come after the wagtail.* apps so
    # that snippets are registered by then.
    "grapple",
    "graphene_django",
    "corsheaders",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The API builds its schema in its ready(), from Grapple's registry and every app's
    # `register_schema_query` hook: it must come after the apps above (Grapple included).
    "delivery",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # django-csp's, remembering the headers it adds to anonymous API responses.
    "delivery.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's messages middleware, skipped for anonymous API requests only.
    "delivery.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: answers locked-out logins with HTTP 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Production: PostgreSQL, a shared Redis cache, several app servers (docs/deploy.md)
# SQLite and local memory are the zero-configuration defaults for a newcomer.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when the database is unreachable instead of hanging a worker (and /healthz).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cms"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions are read from the shared cache and written through to the database, so a
    # Redis restart logs nobody out and every app server sees the same session.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Load balancers probe /healthz over plain HTTP; see production.py's SECURE_SSL_REDIRECT.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Behind proxies (load balancer, CDN), the number of them that append to X-Forwarded-For:
# the client's address is read that many entries from the right (cms/client_address.py).
# 0: X-Forwarded-For is ignored and the peer address is the client.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one username
# from one client address, that pair is locked out for AXES_COOLOFF_TIME (hours); a
# successful login resets the count. Failed attempts are listed in the Django admin.
# Locking the pair, not the username, means a stranger cannot lock an editor out by
# guessing their password from elsewhere; locking the pair, not the address, means one
# office behind one address is not locked out by one colleague.
AUTHENTICATION_BACKENDS = [
    "cms.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.client_address.client_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "static")
STATIC_URL = "/static/"
# GraphiQL's pinned assets (delivery/graphiql, installed by `make run`), served locally.
GRAPHIQL_NODE_MODULES = BASE_DIR / "delivery" / "graphiql" / "node_modules"
GRAPHIQL_STATICFILES_DIRS = [
    ("graphiql/react", GRAPHIQL_NODE_MODULES / "react" / "umd"),
    ("graphiql/react-dom", GRAPHIQL_NODE_MODULES / "react-dom" / "umd"),
    ("graphiql/graphiql", GRAPHIQL_NODE_MODULES / "graphiql"),
]
STATICFILES_DIRS = [entry for entry in GRAPHIQL_STATICFILES_DIRS if entry[1].is_dir()]
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cms.static_files.StaticFilesStorage"},
}
# Media on S3-compatible object storage (AWS S3, MinIO, Ceph, ...) when a bucket is named;
# the local filesystem (MEDIA_ROOT) otherwise. Credentials come from the usual AWS
# variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the instance's role.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "media")
    AWS_DEFAULT_ACL = None  # the bucket's policy decides; no per-object ACLs
    AWS_QUERYSTRING_AUTH = os.environ.get("AWS_QUERYSTRING_AUTH", "false").lower() == "true"
    AWS_S3_FILE_OVERWRITE = False

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Content-Security-Policy (django-csp) on every response. The admin's policy: scripts,
# styles, fonts and connections from this origin only (Wagtail's admin needs inline style
# attributes; no inline or third-party scripts), images also from data:/blob: URLs (upload
# previews) and the media origin, frames from this origin and the preview frontends.
# /graphql/ answers JSON and gets GRAPHQL_CONTENT_SECURITY_POLICY (delivery/settings.py),
# which allows nothing.
# CSP_EXTRA_SOURCES: more origins allowed for images, media and frames (space-separated).
CSP_EXTRA_SOURCES = os.environ.get("CSP_EXTRA_SOURCES", "").split()
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *CSP_EXTRA_SOURCES],
        "media-src": ["'self'", "blob:", *CSP_EXTRA_SOURCES],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *CSP_EXTRA_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
ADMIN_CSP_SCRIPT_SRC = ["'unsafe-inline'"]  # added on Wagtail admin pages only (cms/urls.py)
# Editors' avatars are not fetched from gravatar.com (a third party the policy refuses).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Wagtail
WAGTAIL_SITE_NAME = "Health articles CMS"
# Plain language: submitting an article whose Flesch-Kincaid grade is above this warns the
# editor (never blocks); the Checks panel shows it as the target.
ARTICLE_TARGET_GRADE = int(os.environ.get("ARTICLE_TARGET_GRADE", "8"))
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend; on PostgreSQL, each content language's pages and snippets are
# indexed and searched with that language's text-search configuration (delivery.search_backend;
# languages not listed use PostgreSQL's default_text_search_config). After changing this, run
# `python manage.py update_index`.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "delivery.search_backend",
        "LANGUAGE_SEARCH_CONFIGS": {"es": "spanish"},
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024


def content_languages(value):
    """``CONTENT_LANGUAGES`` (``"en:English,es:Español"``) as ``[(code, name), ...]``."""
    pairs = [item.strip().partition(":") for item in value.split(",") if item.strip()]
    return [(code.strip().lower(), name.strip() or code.strip()) for code, _, name in pairs]


# Content languages: the languages articles are written, reviewed and served in, the
# default first. Adding one needs no code: add it here (or to the environment variable) and
# run `migrate`, which creates its locale (localization.locales).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = content_languages(
    os.environ.get("CONTENT_LANGUAGES", "en:English,es:Español")
)
# Translations are created as drafts: a translation is medical content and goes live only
# through Medical review (editorial.publishing), whatever the source's status.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# No machine translation (WAGTAILLOCALIZE_MACHINE_TRANSLATOR is not set): there is no
# network, and every translation is written and reviewed by people.

# Headless delivery
# Origin every media URL the API serves is made absolute on (fields and rich text alike):
# the CMS's public URL unless media is served from elsewhere (a CDN, a media domain).
MEDIA_BASE_URL = os.environ.get("MEDIA_BASE_URL", WAGTAILADMIN_BASE_URL).rstrip("/")
FRONTEND_BASE_URL = os.environ.get("FRONTEND_BASE_URL", "").rstrip("/")
ARTICLE_REVIEW_INTERVAL_MONTHS = int(os.environ.get("ARTICLE_REVIEW_INTERVAL_MONTHS", "12"))

# GraphQL
# `python manage.py graphql_schema` writes the committed schema file apps build against.
GRAPHENE = {
    "SCHEMA": "delivery.schema.schema",
    "SCHEMA_OUTPUT": str(BASE_DIR / "schema.graphql"),
    # Fetches what the pages a field returns need in a few queries per batch, not per page.
    "MIDDLEWARE": ["delivery.batching.PrepareForDeliveryMiddleware"],
}
GRAPPLE = {
    "APPS": ["home", "articles"],
    "AUTO_CAMELCASE": True,
    "EXPOSE_GRAPHIQL": False,
    "PAGE_SIZE": 10,
    "MAX_PAGE_SIZE": 100,
    "RICHTEXT_FORMAT": "html",
    "PAGE_INTERFACE": "delivery.interfaces.PublishedPageInterface",
    "ALLOWED_IMAGE_FILTERS": [
        "width-400",
        "width-800",
        "width-1200",
        "width-1600",
        "fill-300x300",
        "fill-400x300",
        "fill-600x400",
        "format-webp",
        "format-avif",
        "format-jpeg",
    ],
}

# The delivery API's own settings have defaults in delivery/settings.py (GRAPHQL_LIMITS,
# GRAPHQL_PERSISTED_QUERIES, GRAPHQL_RESPONSE_CACHE, GRAPHQL_INTROSPECTION,
# PREVIEW_TOKEN_MAX_AGE_SECONDS): set only what differs; a dict set here is merged key by
# key with its defaults. Automatic persisted queries (delivery/persisted_queries.py) are
# stored in the default cache (shared by every process when REDIS_URL is set).

# Incremental sync for static builds (articles/sync.py): `nextSince` is the server time
# minus this overlap, so publications committed while a sync ran are not missed.
SYNC_OVERLAP_SECONDS = int(os.environ.get("SYNC_OVERLAP_SECONDS", "60"))
# Tombstones older than this are pruned by `manage.py prune_article_tombstones`; a sync
# asking for changes since before then is told to run a full build instead.
SYNC_TOMBSTONE_RETENTION_DAYS = int(os.environ.get("SYNC_TOMBSTONE_RETENTION_DAYS", "365"))

# GraphQL response cache (delivery/caching.py): responses about published content are
# cached until content changes (or TIMEOUT seconds); browsers may reuse them for MAX_AGE
# seconds and CDNs for S_MAXAGE seconds (CDNs are not purged on publish: keep it short).
GRAPHQL_RESPONSE_CACHE = {
    "ENABLED": os.environ.get("GRAPHQL_CACHE_ENABLED", "true").lower() == "true",
    "CACHE_ALIAS": "default",
    "TIMEOUT": int(os.environ.get("GRAPHQL_CACHE_TIMEOUT", "3600")),
    "MAX_AGE": int(os.environ.get("GRAPHQL_CACHE_MAX_AGE", "0")),
    "S_MAXAGE": int(os.environ.get("GRAPHQL_CACHE_S_MAXAGE", "60")),
    # Where the content generation lives (delivery/generation.py): in the shared cache with
    # Redis; otherwise the local-memory cache is private to each process, so a file that
    # every process on this machine reads (next to the SQLite database by default).
    "GENERATION_FILE": None if REDIS_URL else generation_file_path(DATABASES["default"]),
}

# Rate limit on uncached GraphQL work (delivery/rate_limit.py): per client address,
# REQUESTS every WINDOW_SECONDS reach execution; cache hits and 304s are free. EXEMPT:
# addresses or networks (CIDR) never limited, e.g. a static build or SSR frontend server.
GRAPHQL_RATE_LIMIT = {
    "ENABLED": os.environ.get("GRAPHQL_RATE_LIMIT_ENABLED", "true").lower() == "true",
    "REQUESTS": int(os.environ.get("GRAPHQL_RATE_LIMIT_REQUESTS", "600")),
    "WINDOW_SECONDS": int(os.environ.get("GRAPHQL_RATE_LIMIT_WINDOW_SECONDS", "60")),
    "EXEMPT": env_list("GRAPHQL_RATE_LIMIT_EXEMPT"),
    "CACHE_ALIAS": "default",
}

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/graphql/?$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
# Browser apps revalidate with If-None-Match and must be able to read the ETag.
CORS_ALLOW_HEADERS = (*cors_default_headers, "if-none-match")
CORS_EXPOSE_HEADERS = ("ETag",)

# Draft preview (wagtail-headless-preview, see delivery/preview.py)
# The admin's Preview opens the frontend preview URL of the page's site with
# ?content_type=articles.articlepage&token=...; the frontend asks `page(token:)` for the draft.
# PREVIEW_FRONTEND_URL is the default for every site, PREVIEW_FRONTEND_URLS overrides it per
# Wagtail site hostname ("cms.example.org=https://preview.example.org/,..."). With neither,
# the admin previews with the CMS's own reader template.
PREVIEW_CLIENT_URLS = env_mapping("PREVIEW_FRONTEND_URLS")
if os.environ.get("PREVIEW_FRONTEND_URL"):
    PREVIEW_CLIENT_URLS["default"] = os.environ["PREVIEW_FRONTEND_URL"]
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": PREVIEW_CLIENT_URLS,
    # False: the admin shows the frontend in its preview panel (iframe); True: redirects.
    "REDIRECT_ON_PREVIEW": os.environ.get("PREVIEW_REDIRECT", "false").lower() == "true",
    "ENFORCE_TRAILING_SLASH": True,
}
# A preview token is honoured for this long after the editor pressed Preview.
PREVIEW_TOKEN_MAX_AGE_SECONDS = int(os.environ.get("PREVIEW_TOKEN_MAX_AGE_SECONDS", "3600"))
# The admin's preview panel frames the preview frontends; media may come from the bucket's
# custom domain.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] += sorted(
    {url_origin(url) for url in PREVIEW_CLIENT_URLS.values()}
)
if AWS_STORAGE_BUCKET_NAME and AWS_S3_CUSTOM_DOMAIN:
    for directive in ("img-src", "media-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][directive].append(f"https://{AWS_S3_CUSTOM_DOMAIN}")

# Background tasks (django-tasks) and publish webhooks (webhooks/)
# Wagtail's own tasks (reference index, search index) keep running immediately, as Wagtail
# 8 does by default. Webhook deliveries go to a database queue that a worker drains:
#   python manage.py db_worker --backend webhooks
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "webhooks": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# Endpoints besides those managed in the admin (Webhooks → Webhook endpoints), as JSON:
# [{"name": "static-site", "url": "https://build.example.org/hooks/cms", "secret": "..."}]
WEBHOOK_ENDPOINTS = json.loads(os.environ.get("WEBHOOK_ENDPOINTS") or "[]")
WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "5"))
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "6"))
# Attempt n+1 waits base * 2**(n-1) seconds after attempt n fails, at most the maximum.
WEBHOOK_RETRY_BASE_SECONDS = float(os.environ.get("WEBHOOK_RETRY_BASE_SECONDS", "30"))
WEBHOOK_RETRY_MAX_SECONDS = float(os.environ.get("WEBHOOK_RETRY_MAX_SECONDS", "3600"))
# Webhooks go to public internet addresses only (webhooks/targets.py); true allows
# loopback and private receivers, for local development.
WEBHOOK_ALLOW_PRIVATE_TARGETS = (
    os.environ.get("WEBHOOK_ALLOW_PRIVATE_TARGETS", "false").lower() == "true"
)

# Schema introspection (__schema, __type) is on by default (delivery/settings.py) and off
# in production unless GRAPHQL_INTROSPECTION=true.
# The largest /graphql/ POST body (delivery/request_guard.py); other limits keep their
# defaults (delivery/settings.py).
if os.environ.get("GRAPHQL_MAX_BODY_BYTES"):
    GRAPHQL_LIMITS = {"MAX_BODY_BYTES": int(os.environ["GRAPHQL_MAX_BODY_BYTES"])}
