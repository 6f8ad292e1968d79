"""Cache hits keyed on the raw request, served before the view parses anything
(``delivery.caching.serve_cached_response``), with every rule of the normal path kept."""

import hashlib
import json
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from delivery.caching import invalidate
from delivery.persisted_queries import CACHE_KEY_PREFIX as PERSISTED_QUERY_PREFIX
from delivery.views import CMSGraphQLView

from .test_response_cache import ARTICLE, ARTICLE_REFORMATTED, SLUG, VARIABLES

pytestmark = pytest.mark.django_db

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


@pytest.fixture
def normal_path():
    """Counts the requests that reach the view (the normal path), which still runs them."""
    with mock.patch.object(
        CMSGraphQLView, "dispatch", autospec=True, side_effect=CMSGraphQLView.dispatch
    ) as dispatch:
        yield dispatch


def post(client, query=ARTICLE, variables=VARIABLES, **extra):
    body = json.dumps({"query": query, "variables": variables})
    return client.post("/graphql/", body, content_type="application/json", **extra)


def params(query=ARTICLE, variables=VARIABLES):
    return {"query": query, "variables": json.dumps(variables)}


def get(client, query=ARTICLE, variables=VARIABLES, **extra):
    return client.get("/graphql/", params(query, variables), **extra)


def head(client, **extra):
    return client.head("/graphql/", params(), **extra)


def test_a_repeated_request_is_served_without_the_view_or_the_parser(client, seed_article):
    first = post(client)
    assert first["X-Cache"] == "miss"
    assert get(client)["X-Cache"] == "hit"  # the normal path, which stores the GET's key
    with (
        mock.patch.object(CMSGraphQLView, "dispatch", side_effect=AssertionError("view ran")),
        mock.patch("delivery.caching.parsed_query", side_effect=AssertionError("parsed")),
        CaptureQueriesContext(connection) as queries,
    ):
        hit = post(client)
        hit_by_get = get(client)
    assert len(queries) == 0
    assert (hit.status_code, hit["X-Cache"]) == (200, "hit")
    assert hit.content == first.content
    assert hit["ETag"] == first["ETag"]
    assert (hit_by_get["X-Cache"], hit_by_get.content) == ("hit", first.content)


def test_a_hit_has_the_normal_paths_headers(client, seed_article, normal_path):
    """The same headers as a hit on the normalised key, for each method and media type,
    and the same 304."""
    for accept in ("application/json", GRAPHQL_RESPONSE_JSON):
        for send in (post, get, head):
            cache.clear()
            post(client, ARTICLE_REFORMATTED, HTTP_ACCEPT=accept)  # the normalised entry
            calls = normal_path.call_count
            normal_hit = send(client, HTTP_ACCEPT=accept)
            fast_hit = send(client, HTTP_ACCEPT=accept)
            not_modified = send(client, HTTP_ACCEPT=accept, HTTP_IF_NONE_MATCH=fast_hit["ETag"])
            assert normal_path.call_count == calls + 1  # only the first of the three
            assert fast_hit["X-Cache"] == normal_hit["X-Cache"] == "hit"
            assert dict(fast_hit.headers) == dict(normal_hit.headers)
            assert fast_hit.content == normal_hit.content
            assert fast_hit["Content-Type"] == f"{accept}; charset=utf-8"
            assert not_modified.status_code == 304
            cache.clear()
            normal_not_modified = send(
                client, HTTP_ACCEPT=accept, HTTP_IF_NONE_MATCH=fast_hit["ETag"]
            )
            assert normal_path.call_count == calls + 2
            assert dict(not_modified.headers) == dict(normal_not_modified.headers)


def test_head_is_served_without_a_body(client, seed_article):
    full = get(client)
    with mock.patch.object(CMSGraphQLView, "dispatch", side_effect=AssertionError("view ran")):
        response = head(client)
    assert response.status_code == 200 and response.content == b""
    assert response["Content-Length"] == str(len(full.content))


def test_other_spellings_share_the_normalised_entry(client, seed_article, normal_path):
    post(client)
    with CaptureQueriesContext(connection) as queries:
        other = post(client, ARTICLE_REFORMATTED)
    assert normal_path.call_count == 2  # another spelling: the normal path...
    assert (other["X-Cache"], len(queries)) == ("hit", 0)  # ...finds the normalised entry
    again = post(client, ARTICLE_REFORMATTED)
    assert normal_path.call_count == 2  # and stored it under the new spelling
    assert again.content == other.content


def test_a_stale_generation_is_never_served(client, seed_article, normal_path):
    post(client)
    seed_article.title = "Immunotherapy, revised"
    seed_article.save_revision().publish()
    response = post(client)
    assert normal_path.call_count == 2
    assert response["X-Cache"] == "miss"
    assert response.json()["data"]["article"]["title"] == "Immunotherapy, revised"
    invalidate()  # another process's change, through the shared generation
    assert post(client)["X-Cache"] == "miss"
    assert normal_path.call_count == 3


def test_requests_with_a_session_cookie_take_the_normal_path(
    client, seed_article, editor_client, normal_path
):
    post(client)
    with_cookie = Client()
    with_cookie.cookies["sessionid"] = "not-a-session"
    response = post(with_cookie)
    assert normal_path.call_count == 2
    assert response["X-Cache"] == "hit"  # anonymous after all: the normalised entry
    editor = post(editor_client)
    assert normal_path.call_count == 3
    assert editor["Cache-Control"] == "private, no-store"
    assert "X-Cache" not in editor


def test_what_the_normal_path_does_not_cache_never_reaches_the_fast_path(
    client, seed_article, normal_path
):
    requests = [
        ('{ article(slug: "x", id: 1) { title } }', None),  # an error
        ("query($token: String) { page(token: $token) { title } }", {"token": "id=1:sig"}),
        ("mutation { nothing }", None),
        ("{ article(slug: 1) { nope } }", None),  # does not validate
    ]
    for query, variables in requests:
        for _attempt in (1, 2):
            response = post(client, query, variables)
            assert response["Cache-Control"] == "private, no-store"
            assert "X-Cache" not in response
    assert normal_path.call_count == 2 * len(requests)


def test_the_host_and_the_accept_header_are_part_of_the_key(client, seed_article, normal_path):
    post(client)
    post(client, HTTP_HOST="localhost")
    post(client, HTTP_ACCEPT=GRAPHQL_RESPONSE_JSON)
    assert normal_path.call_count == 3
    post(client, HTTP_ACCEPT="application/json")  # negotiates what no Accept does
    assert normal_path.call_count == 3


def test_registering_a_persisted_query_is_never_skipped(client, seed_article):
    """A query sent with its hash is registered each time it is sent, so a client that
    sends it after ``PERSISTED_QUERY_NOT_FOUND`` is never answered without registering it."""
    query_hash = hashlib.sha256(ARTICLE.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": query_hash}}
    body = {"query": ARTICLE, "variables": VARIABLES, "extensions": extensions}

    def register():
        return client.post("/graphql/", json.dumps(body), content_type="application/json")

    assert register().status_code == 200
    cache.delete(PERSISTED_QUERY_PREFIX + query_hash)  # evicted
    assert register()["X-Cache"] == "hit"  # from the normalised entry...
    assert cache.get(PERSISTED_QUERY_PREFIX + query_hash) == ARTICLE  # ...registered again
    by_hash = {"extensions": json.dumps(extensions), "variables": json.dumps({"slug": SLUG})}
    assert client.get("/graphql/", by_hash).json()["data"]["article"] is not None
