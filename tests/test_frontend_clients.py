"""What stock GraphQL clients send and expect works with no workarounds (issue 13).

Each test is one thing a client did that used to fail: an ``Accept`` with parameters
(sgqlc), ``/graphql`` without the slash (Apollo's docs), ``Int`` paging variables (every
code generator), non-null cache keys (TypeScript clients), codes on every error, and HTTP
revalidation details (gzip proxies, CDNs, browser apps).
"""

import json

import pytest
from django.test import override_settings
from graphql import GraphQLNonNull

from delivery.http import parse_accept
from delivery.schema import schema

pytestmark = pytest.mark.django_db

GRAPHQL_RESPONSE = "application/graphql-response+json"
CONDITIONS = "{ conditions { slug } }"


def post(client, body, path="/graphql/", **headers):
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


def first_error(response):
    return response.json()["errors"][0]


# --- Accept, RFC 9110 -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/json; charset=utf-8", "application/json"),  # what sgqlc sends
        ("application/json;charset=UTF-8", "application/json"),
        (f"{GRAPHQL_RESPONSE}; charset=utf-8", GRAPHQL_RESPONSE),
        (f'{GRAPHQL_RESPONSE};charset="utf-8", application/json;q=0.9', GRAPHQL_RESPONSE),
        (f"application/json;q=0.5, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", "application/json"),
        (f"{GRAPHQL_RESPONSE};q=0, application/*", "application/json"),
        ("application/*;q=0.2, */*;q=0.1", "application/json"),
        (f"*/*;q=0.8, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        ("application/json;q=0, */*", GRAPHQL_RESPONSE),  # the more specific range wins
        ("nonsense, application/json", "application/json"),
    ],
)
def test_accept_is_parsed_as_rfc_9110_says(client, demo_content, accept, media_type):
    response = post(client, {"query": CONDITIONS}, Accept=accept)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    assert response.json()["data"]["conditions"]


@pytest.mark.parametrize(
    "accept",
    [
        "text/html",
        "application/json;q=0",
        f"application/json;q=0, {GRAPHQL_RESPONSE};q=0",
        "application/json; charset=iso-8859-1",  # every response is UTF-8
        "*/*;q=0",
    ],
)
def test_accept_allowing_neither_type_is_406(client, accept):
    response = post(client, {"query": CONDITIONS}, Accept=accept)
    assert response.status_code == 406
    assert first_error(response)["extensions"] == {"code": "NOT_ACCEPTABLE"}


def test_accept_parser_reads_parameters_and_weights():
    assert parse_accept('text/html;level="1";q=0.7, application/json ; Q=0.25 ,*/*') == [
        ("text", "html", {"level": "1"}, 0.7),
        ("application", "json", {}, 0.25),
        ("*", "*", {}, 1.0),
    ]
    assert parse_accept("application/json;q=2, */json, a/b;q=0.1234") == []


# --- Both paths, no redirect ----------------------------------------------------------


@pytest.mark.parametrize("debug", [False, True])
def test_graphql_without_the_slash_is_served(client, demo_content, debug):
    with override_settings(DEBUG=debug, APPEND_SLASH=True):
        response = post(client, {"query": CONDITIONS}, path="/graphql")
        assert response.status_code == 200, response.content
        assert response.json() == {"data": {"conditions": [{"slug": "multiple-myeloma"}]}}
        response = client.get("/graphql", {"query": CONDITIONS})
        assert response.status_code == 200
        assert response.json()["data"]["conditions"]


# --- Paging arguments are Ints, checked ------------------------------------------------


def test_paging_variables_are_plain_ints(client, demo_content):
    query = """query Paging($page: Int!, $perPage: Int!, $limit: Int!, $offset: Int!) {
      articles(page: $page, perPage: $perPage) { items { slug } pagination { perPage } }
      articleChanges(page: $page, perPage: $perPage) { changed { items { slug } } }
      pages(limit: $limit, offset: $offset) { id }
      images(limit: $limit) { id }
    }"""
    variables = {"page": 1, "perPage": 5, "limit": 2, "offset": 0}
    response = post(client, {"query": query, "variables": variables})
    payload = response.json()
    assert "errors" not in payload, payload
    assert payload["data"]["articles"]["pagination"]["perPage"] == 5
    assert len(payload["data"]["pages"]) == 2
    assert "PositiveInt" not in schema.graphql_schema.type_map


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        ("articles(perPage: 0) { items { slug } }", "perPage must be between 1 and 100; got 0."),
        ("articles(perPage: 101) { items { slug } }", "perPage must be between 1 and 100"),
        ("articles(page: 0) { items { slug } }", "page must be 1 or more; got 0."),
        ("articles(page: -3) { items { slug } }", "page must be 1 or more; got -3."),
        ("articleChanges(perPage: 0) { serverTime }", "perPage must be between 1 and 100"),
        ("pages(limit: 0) { id }", "limit must be between 1 and 100; got 0."),
        ("pages(offset: -1) { id }", "offset must be 0 or more; got -1."),
        ("images(limit: 1000) { id }", "limit must be between 1 and 100; got 1000."),
        ("pages { children(limit: -1) { id } }", "limit must be between 1 and 100"),
    ],
)
def test_out_of_range_paging_is_a_coded_error(client, demo_content, selection, message):
    response = post(client, {"query": "{ " + selection + " }"}, Accept=GRAPHQL_RESPONSE)
    assert response.status_code == 200  # the operation ran; the field refused its argument
    error = first_error(response)
    assert error["message"].startswith(message), error["message"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}


def test_paging_by_variable_is_checked_too(client, demo_content):
    query = "query($n: Int) { articles(perPage: $n) { items { slug } } }"
    response = post(client, {"query": query, "variables": {"n": 0}})
    assert first_error(response)["extensions"] == {"code": "BAD_USER_INPUT"}


# --- Identity fields are non-null ---------------------------------------------------------


@pytest.mark.parametrize(
    ("type_name", "field_name"),
    [
        ("ArticlePage", "id"),
        ("ArticlePage", "url"),
        ("ArticlePage", "pageType"),
        ("PageInterface", "id"),
        ("Disclaimer", "id"),
        ("Condition", "id"),
        ("TrustedSource", "id"),
        ("ArticleTombstone", "id"),
        ("ImageObjectType", "id"),
        ("PaginationType", "total"),
    ],
)
def test_identity_fields_are_non_null(type_name, field_name):
    field = schema.graphql_schema.type_map[type_name].fields[field_name]
    assert isinstance(field.type, GraphQLNonNull), f"{type_name}.{field_name}: {field.type}"


# --- Every error has a code ---------------------------------------------------------------


def test_unexpected_request_errors_are_internal_with_a_fixed_message(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("connection to server at 10.0.0.5 failed")

    monkeypatch.setattr("delivery.views.BaseGraphQLView.execute_parsed_query", broken)
    monkeypatch.setattr("graphene_django.views.execute", broken)
    response = post(client, {"query": "{ __typename }"})
    error = first_error(response)
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert "10.0.0.5" not in response.content.decode()


def test_persisted_query_not_found_has_its_code(client):
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    response = client.get("/graphql", {"extensions": json.dumps(extensions)})
    assert response.status_code == 200
    assert first_error(response)["extensions"] == {"code": "PERSISTED_QUERY_NOT_FOUND"}


# --- HTTP caching details -----------------------------------------------------------------


def test_weak_if_none_match_revalidates(client, demo_content):
    response = client.get("/graphql/", {"query": CONDITIONS})
    etag = response["ETag"]
    assert etag.startswith('"')
    for header in (etag, f"W/{etag}", f'"other", W/{etag}', "*"):
        revalidated = client.get(
            "/graphql/", {"query": CONDITIONS}, headers={"If-None-Match": header}
        )
        assert revalidated.status_code == 304, header
        assert revalidated["ETag"] == etag
    changed = client.get("/graphql/", {"query": CONDITIONS}, headers={"If-None-Match": 'W/"x"'})
    assert changed.status_code == 200


def test_each_representation_has_its_own_etag(client, demo_content):
    as_json = client.get("/graphql/", {"query": CONDITIONS})
    as_graphql = client.get(
        "/graphql/", {"query": CONDITIONS}, headers={"Accept": GRAPHQL_RESPONSE}
    )
    assert as_json.content == as_graphql.content
    assert as_json["ETag"] != as_graphql["ETag"]
    stale = client.get(
        "/graphql/",
        {"query": CONDITIONS},
        headers={"Accept": GRAPHQL_RESPONSE, "If-None-Match": as_json["ETag"]},
    )
    assert stale.status_code == 200
    assert stale["Content-Type"].startswith(GRAPHQL_RESPONSE)


def test_anonymous_responses_do_not_vary_on_cookie(client, demo_content, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    response = client.get("/graphql/", {"query": CONDITIONS})
    assert "Cookie" not in response["Vary"]
    assert "Accept" in response["Vary"]
    assert response["Cache-Control"].startswith("public")
    assert not response.cookies


def test_a_session_cookie_still_identifies_the_user(client, demo_content, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x")  # noqa: S106
    client.force_login(user)
    response = client.get("/graphql/", {"query": CONDITIONS})
    assert "Cookie" in response["Vary"]
    assert response["Cache-Control"] == "private, no-store"  # never cached for a user


def test_cors_lets_browser_apps_revalidate(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    preflight = client.options(
        "/graphql/",
        headers={
            "Origin": "https://app.example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    response = client.get(
        "/graphql", {"query": "{ __typename }"}, headers={"Origin": "https://app.example.org"}
    )
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_head_is_a_get_without_the_body(client, demo_content):
    get = client.get("/graphql/", {"query": CONDITIONS})
    head = client.head("/graphql/", {"query": CONDITIONS})
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Type"] == get["Content-Type"]
    assert int(head["Content-Length"]) == len(get.content)
    mutation = client.head("/graphql/", {"query": "mutation { x }"})
    assert mutation.status_code == 405
