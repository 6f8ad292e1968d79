"""Response cache, ETags and Cache-Control for GraphQL responses about published content.

A response is cached when it can only ever show published content to anyone: an
anonymous query (not a mutation) without a preview ``token`` argument, answered without
errors. The key is a SHA-256 of the normalised query (parsed and printed, so whitespace and
comments do not matter), the variables (sorted JSON), the operation name, the site (host
and port) and the schema's fingerprint. Each entry records the content generation it was
computed in; any change to published content bumps the generation (``invalidate()``, wired
to Wagtail's signals in ``delivery.invalidation``), which makes every older entry stale at
once, in every process sharing the cache (Redis when ``REDIS_URL`` is set). One round trip
to the cache fetches the generation and the entry. Content is withheld from the moment it
expires (``delivery.visibility``), so no entry is kept past the next expiry time of any published
page or snippet; that time is read from the database once per generation.

Hits take a fast path (``serve_cached_response``, see ``ResponseCacheMixin``): a second key
from the raw request's bytes, looked up before the view parses, validates or normalises
anything, with the same generation check; the normal path stores what it answers under
both keys.

Every response gets a strong ETag (hash of its media type and body, so each representation
has its own); an ``If-None-Match`` that matches it weakly gets 304 with no body, cached or
not. Cacheable responses say ``public, max-age, s-maxage`` for
browsers and CDNs (``GRAPHQL_CACHE_MAX_AGE``, ``GRAPHQL_CACHE_S_MAXAGE``); all others say
``private, no-store``.
"""

import hashlib
import json
import logging
import math
from functools import cache, lru_cache, update_wrapper

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from graphene_django.settings import graphene_settings
from graphql import (
    OperationType,
    get_operation_ast,
    parse,
    print_ast,
    print_schema,
    validate,
)
from graphql.error import GraphQLError
from graphql.language import ArgumentNode, Visitor, visit

from .generation import GENERATION_KEY, generation_store
from .http import JSON, media_type_for_accept, with_media_type
from .request_guard import announced_length, body_limit
from .settings import delivery_settings
from .visibility import next_expiry

logger = logging.getLogger(__name__)

ENTRY_KEY_PREFIX = "graphql:response:"
RAW_KEY_PREFIX = "graphql:raw-response:"
NEXT_EXPIRY_KEY = "graphql:next-expiry"
PREVIEW_ARGUMENTS = frozenset({"token"})


def cache_settings():
    return delivery_settings.GRAPHQL_RESPONSE_CACHE


def response_cache():
    return caches[cache_settings()["CACHE_ALIAS"]]


def invalidate():
    """Make every cached response stale, in every process that reads the generation."""
    generation_store().bump()


@cache
def schema_fingerprint(schema):
    """Changes whenever a deploy changes the schema, so old entries are never served."""
    return hashlib.sha256(print_schema(schema.graphql_schema).encode()).hexdigest()[:16]


class PreviewArgumentFinder(Visitor):
    def __init__(self):
        super().__init__()
        self.found = False

    def enter_argument(self, node: ArgumentNode, *args):
        if node.name.value in PREVIEW_ARGUMENTS:
            self.found = True
            return self.BREAK
        return None


def asks_for_preview(document):
    finder = PreviewArgumentFinder()
    visit(document, finder)
    return finder.found


class ParsedQuery:
    """A query text parsed once: its document, normalised text and preview arguments."""

    def __init__(self, text):
        self.document = parse(text)
        self.normalised = print_ast(self.document)
        self.asks_for_preview = asks_for_preview(self.document)
        self.validation_errors = {}

    def operation(self, operation_name):
        return get_operation_ast(self.document, operation_name)

    def validate(self, schema, rules, max_errors):
        """Validation errors for this schema, computed once: the rules are fixed
        (``delivery.limits.validation_rules``), whatever the request's variables."""
        key = id(schema)
        if key not in self.validation_errors:
            self.validation_errors[key] = validate(schema, self.document, rules, max_errors)
        return self.validation_errors[key]


@lru_cache(maxsize=256)
def parsed_query(text):
    """Parsing and validating a large query costs more than serving it from the cache:
    apps send the same few queries again and again, so each text is parsed once."""
    try:
        return ParsedQuery(text)
    except GraphQLError:
        return None


def etag_for(body, content_type):
    """A strong ETag per representation: the same body as another media type differs."""
    digest = hashlib.sha256(content_type.encode() + b"\n" + body).hexdigest()[:40]
    return f'"{digest}"'


def weakly_matches(etag, if_none_match):
    """``If-None-Match`` uses the weak comparison (RFC 9110 13.1.2): ``W/"x"`` matches
    ``"x"`` (gzip proxies weaken the ETags they pass on)."""
    if if_none_match.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == opaque for tag in parse_etags(if_none_match))


class CachedQuery:
    """A cacheable request: its key, and the generation current when it arrived."""

    def __init__(self, key):
        self.key = key
        self.store = response_cache()
        self.generation = None
        self.next_expiry = None

    def lookup(self, for_saving=True):
        """The cached entry's value if it was computed in the current generation, else
        ``None``. ``for_saving`` also fetches what ``save`` needs (the next expiry time), in
        the same round trip."""
        generation = generation_store()
        keys = [self.key, NEXT_EXPIRY_KEY] if for_saving else [self.key]
        if generation.shared_with_entries:
            keys.append(GENERATION_KEY)  # one round trip for the generation and the entry
        found = self.store.get_many(keys)
        self.generation = generation.read(found)
        self.next_expiry = found.get(NEXT_EXPIRY_KEY)
        entry = found.get(self.key)
        if entry and entry[0] == self.generation:
            return entry[1]
        return None

    def save(self, body, raw=None):
        """Cache the body, never beyond the next expiry time of any published content;
        ``raw``: ``(raw key, response)`` of the fast path (``RawHit``), stored alongside."""
        timeout = cache_settings()["TIMEOUT"]
        try:
            expires = self.expiry_for_generation()
        except DatabaseError:  # the response stands; it is just not cached
            logger.warning("Next expiry time unavailable: response not cached", exc_info=True)
            return
        if expires is not None:
            seconds_left = (expires - timezone.now()).total_seconds()
            timeout = max(1, min(timeout, math.ceil(seconds_left)))
        entries = {} if body is None else {self.key: (self.generation, body)}
        if raw is not None:
            raw_key, response = raw
            entries[raw_key] = (self.generation, response)
        self.store.set_many(entries, timeout=timeout)

    def expiry_for_generation(self):
        """The next expiry, read from the database once per content generation (and again
        once it has passed): publishing new expiry dates bumps the generation."""
        now = timezone.now()
        known = self.next_expiry
        if known is not None and known[0] == self.generation and (known[1] or now) >= now:
            return known[1]
        expires = next_expiry()
        self.store.set(NEXT_EXPIRY_KEY, (self.generation, expires), timeout=None)
        return expires


def request_site(request):
    """What a response depends on besides the request's own GraphQL parameters: the site
    (host and port). Both keys include it, the normalised one and the fast path's."""
    return request.get_host()


class CachedResponse:
    """A cacheable request on the fast path: its raw key and negotiated media type."""

    def __init__(self, request, schema):
        self.key = self.media_type = None
        if not cache_settings()["ENABLED"] or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return  # a session may be a signed-in user's: never served from the cache
        method = request.method
        if method == "POST":
            if announced_length(request) > body_limit():
                return  # refused with 413 before anything reads it
            body = request.body
        elif method in ("GET", "HEAD"):
            method, body = "GET", b""
        else:
            return
        self.media_type = media_type_for_accept(request.META.get("HTTP_ACCEPT", ""))
        if self.media_type is None:
            return  # 406
        meta = request.META
        material = json.dumps(
            [
                method,
                request.path_info,
                meta.get("QUERY_STRING", ""),  # the GET parameters, and POST's ?pretty
                meta.get("CONTENT_TYPE", ""),
                self.media_type,
                request_site(request),
                schema_fingerprint(schema),
            ]
        )
        digest = hashlib.sha256(material.encode() + b"\n" + body).hexdigest()
        self.key = RAW_KEY_PREFIX + digest

    def serve(self, request):
        """The cached response, or ``None`` when the cache has none for this generation."""
        if self.key is None:
            return None
        entry = CachedQuery(self.key).lookup(for_saving=False)
        if entry is None:
            return None
        content, etag = entry
        request.graphql_media_type = self.media_type
        response = HttpResponse(content, content_type=JSON)
        return with_media_type(request, with_cache_headers(request, response, True, True, etag))


def serve_cached_response(request, schema):
    """The fast path: a cached response keyed on the raw request, before anything parses
    it; ``None`` sends the request down the view's normal path (which also stores what it
    answers under the raw key, ``ResponseCacheMixin``)."""
    try:
        cached = CachedResponse(request, schema)
        request.graphql_cached_response = cached
        return cached.serve(request)
    except Exception:  # the normal path answers, or reports the error as it does
        logger.warning("Response cache fast path failed", exc_info=True)
        return None


class ResponseCacheMixin:
    """Serves repeated queries for published content from the cache; adds HTTP caching.

    Two keys lead to one response. The view function first tries the fast path
    (``serve_cached_response``): a key from the raw request (method, path, query string,
    body, Content-Type, negotiated media type, site, schema), looked up before the view is
    even instantiated. On a miss, the normal path keys the request on its normalised query
    (``cacheable_query``), serves or computes the response, and stores it under both keys,
    so the next request spelled the same way takes the fast path, and other spellings of
    the same query still share the normalised entry. Only the normal path decides what is
    cacheable (no preview token, no mutation, no errors, anonymous): the fast path never
    finds an entry the normal path did not store, and a raw request always has the same
    parameters, so the same answer. Requests with a session cookie never use the fast path.
    """

    cached_query = None
    served_from_cache = False
    had_errors = False
    body_to_save = None

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)

        def view_with_fast_cache_hits(request, *args, **kwargs):
            schema = initkwargs.get("schema") or cls.schema or graphene_settings.SCHEMA
            response = serve_cached_response(request, schema)
            if response is None:
                response = view(request, *args, **kwargs)
            return response

        return update_wrapper(view_with_fast_cache_hits, view)

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        etag = None
        answered = self.served_from_cache or self.body_to_save is not None
        if self.cached_query is not None and answered and response.status_code == 200:
            etag = etag_for(response.content, getattr(request, "graphql_media_type", ""))
            self.save(request, response.content, etag)
        return with_cache_headers(
            request, response, self.cached_query is not None, self.served_from_cache, etag
        )

    def save(self, request, content, etag):
        """Stores the response under its normalised key (when it was computed) and under
        the fast path's raw key (``CachedResponse``). Not under the raw key when the request
        registers a persisted query: that must happen every time it is sent."""
        cached = getattr(request, "graphql_cached_response", None)
        raw = None
        if (
            cached is not None
            and cached.key is not None
            and not getattr(request, "persisted_query_registered", False)
        ):
            raw = (cached.key, (content, etag))
        if self.body_to_save is not None or raw is not None:
            self.cached_query.save(self.body_to_save, raw)

    def get_response(self, request, data, show_graphiql=False):
        self.cached_query = self.cacheable_query(request, data, show_graphiql)
        if self.cached_query is not None:
            body = self.cached_query.lookup()
            if body is not None:
                self.served_from_cache = True
                return body, 200
        result, status_code = super().get_response(request, data, show_graphiql)
        if self.cached_query is not None and status_code == 200 and not self.had_errors:
            self.body_to_save = result
        elif self.cached_query is not None:
            self.cached_query = None
        return result, status_code

    def execute_graphql_request(self, *args, **kwargs):
        result = super().execute_graphql_request(*args, **kwargs)
        self.had_errors = bool(result is not None and result.errors)
        return result

    def cacheable_query(self, request, data, show_graphiql):
        """The request's cache key holder, or ``None`` when it must not be cached."""
        if (
            not cache_settings()["ENABLED"]
            or show_graphiql
            or self.batch
            or request.method not in ("GET", "POST")
            or request.user.is_authenticated
        ):
            return None
        query, variables, operation_name, _id = self.get_graphql_params(request, data)
        if not query or not isinstance(query, str):
            return None
        parsed = parsed_query(query)
        if parsed is None:
            return None  # answered with a syntax error, never cached
        operation = parsed.operation(operation_name)
        if operation is None or operation.operation != OperationType.QUERY:
            return None
        if parsed.asks_for_preview:
            return None
        try:
            variables_json = json.dumps(variables or {}, sort_keys=True, separators=(",", ":"))
        except (TypeError, ValueError):
            return None
        key_material = json.dumps(
            [
                parsed.normalised,
                variables_json,
                operation_name or "",
                request_site(request),
                bool(request.GET.get("pretty")),
                schema_fingerprint(self.schema),
            ]
        )
        return CachedQuery(ENTRY_KEY_PREFIX + hashlib.sha256(key_material.encode()).hexdigest())


def with_cache_headers(request, response, cacheable, served_from_cache, etag=None):
    """Cache-Control, Vary and ETag; 304 for a matching ``If-None-Match``; ``X-Cache``."""
    if response.status_code != 200 or response.streaming:
        response.setdefault("Cache-Control", "private, no-store")
        return response
    if cacheable:
        options = cache_settings()
        response["Cache-Control"] = (
            f"public, max-age={options['MAX_AGE']}, s-maxage={options['S_MAXAGE']}"
        )
    else:
        response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, ["Accept"])
    # The media type is negotiated per request (delivery.http); the body is shared.
    etag = etag or etag_for(response.content, getattr(request, "graphql_media_type", ""))
    response["ETag"] = etag
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match and weakly_matches(etag, if_none_match):
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Vary"):
            not_modified[header] = response[header]
        not_modified.cookies = response.cookies
        return not_modified
    if served_from_cache:
        response["X-Cache"] = "hit"
    elif cacheable:
        response["X-Cache"] = "miss"
    return response
