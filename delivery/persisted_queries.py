"""Automatic persisted queries, the protocol Apollo and urql clients speak.

A client sends ``extensions={"persistedQuery": {"version": 1, "sha256Hash": "<hex>"}}``
without a query, usually by GET so that HTTP caches can keep the answer. When the server
knows the hash it runs the stored query; otherwise it answers (status 200, as clients
expect) ``PERSISTED_QUERY_NOT_FOUND`` and the client sends query and hash together once:
the server checks that the hash is the query's SHA-256, stores it if it is a valid
document, and runs it.

Queries live in Django's default cache (Redis in production, shared by every process) for
``GRAPHQL_PERSISTED_QUERIES["TIMEOUT"]`` seconds; a query longer than ``MAX_QUERY_LENGTH``
characters still runs but is not stored.
"""

import hashlib
import re

from django.core.cache import cache
from graphene_django.settings import graphene_settings

from .caching import parsed_query
from .http import GraphQLRequestError
from .limits import document_too_large
from .settings import delivery_settings

SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
CACHE_KEY_PREFIX = "graphql:apq:v1:"


def persisted_query_settings():
    return delivery_settings.GRAPHQL_PERSISTED_QUERIES


def requested_hash(extensions):
    """The SHA-256 a request names, or ``None`` if it does not use persisted queries."""
    persisted = extensions.get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise GraphQLRequestError(
            "Unsupported persistedQuery: expected version 1.",
            code="PERSISTED_QUERY_NOT_SUPPORTED",
        )
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str) or not SHA256_HEX.match(sha256):
        raise GraphQLRequestError(
            "persistedQuery.sha256Hash must be 64 lowercase hex digits.",
            code="PERSISTED_QUERY_HASH_INVALID",
        )
    return sha256


def runnable(schema, query, validation_rules):
    """Whether the query parses and validates: only such queries are stored. (Both are
    kept with the parsed query, so running it right after costs neither again.)"""
    parsed = parsed_query(query)
    if parsed is None:
        return False
    max_errors = graphene_settings.MAX_VALIDATION_ERRORS
    return not parsed.validate(schema.graphql_schema, validation_rules, max_errors)


class PersistedQueryMixin:
    """Resolves ``query`` from ``extensions.persistedQuery`` and registers new queries.

    Needs ``GraphQLOverHTTPMixin`` (``get_graphql_request``) further down the MRO. A query
    is registered while its parameters are read, before anything is executed or served from
    a response cache, so the view's other mixins cannot skip the registration.
    """

    def get_graphql_params(self, request, data):
        query, variables, operation_name, extensions = self.get_graphql_request(request, data)
        sha256 = requested_hash(extensions)
        if sha256 is not None:
            if query is None:
                query = cache.get(CACHE_KEY_PREFIX + sha256)
                if query is None:
                    raise GraphQLRequestError(
                        "PersistedQueryNotFound", status=200, code="PERSISTED_QUERY_NOT_FOUND"
                    )
            elif hashlib.sha256(query.encode()).hexdigest() != sha256:
                raise GraphQLRequestError(
                    "provided sha does not match query", code="PERSISTED_QUERY_HASH_MISMATCH"
                )
            elif not getattr(request, "persisted_query_registered", False):
                self.register_persisted_query(sha256, query)
                request.persisted_query_registered = True
        return query, variables, operation_name, None

    def register_persisted_query(self, sha256, query):
        """Stores a runnable query; one over the document limits is not even parsed (the
        limits mixin refuses it with ``QUERY_TOO_LARGE`` right after)."""
        options = persisted_query_settings()
        if len(query) > options["MAX_QUERY_LENGTH"] or document_too_large(query) is not None:
            return
        if runnable(self.schema, query, self.validation_rules):
            cache.set(CACHE_KEY_PREFIX + sha256, query, timeout=options["TIMEOUT"])
