"""GraphQL over HTTP: methods, media types, status codes, persisted queries and CORS."""

import hashlib
import json

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db

GRAPHQL_RESPONSE = "application/graphql-response+json"
TITLE = "query Title($slug: String!) { article(slug: $slug) { title } }"
SLUG = {"slug": "immunotherapy-for-multiple-myeloma"}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def post_json(client, body, **headers):
    return client.post("/graphql/", body, content_type="application/json", headers=headers)


def errors(response):
    return [error["message"] for error in json.loads(response.content)["errors"]]


# --- Requests and media types ---------------------------------------------------------


def test_get_runs_a_query(client, seed_article):
    response = client.get("/graphql/", {"query": TITLE, "variables": json.dumps(SLUG)})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"data": {"article": {"title": seed_article.title}}}
    assert "Accept" in response["Vary"]
    assert "csrftoken" not in response.cookies  # a Set-Cookie would defeat HTTP caches


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", "application/json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "application/json"),
    ],
)
def test_response_media_type_follows_accept(client, seed_article, accept, media_type):
    headers = {"Accept": accept} if accept else {}
    response = post_json(client, {"query": TITLE, "variables": SLUG}, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    assert response.json()["data"]["article"]["title"] == seed_article.title


def test_unacceptable_accept_is_406(client, seed_article):
    response = post_json(client, {"query": TITLE, "variables": SLUG}, Accept="text/html")
    assert response.status_code == 406
    assert errors(response) == [f"Accept must allow {GRAPHQL_RESPONSE} or application/json."]


@pytest.mark.parametrize(
    ("accept", "status"),
    # graphql-response+json: 400 when the operation did not run; legacy application/json:
    # 200 for every well-formed request (the GraphQL-over-HTTP spec's rule for each).
    [(GRAPHQL_RESPONSE, 400), ("application/json", 200)],
)
def test_status_codes_for_errors(client, seed_article, accept, status):
    # Syntax and validation errors: the operation did not run.
    for query, code in [
        ("{ article(slug: ", "GRAPHQL_PARSE_FAILED"),
        ("{ noSuchField }", "GRAPHQL_VALIDATION_FAILED"),
    ]:
        response = post_json(client, {"query": query}, Accept=accept)
        assert response.status_code == status
        assert response["Content-Type"] == f"{accept}; charset=utf-8"
        assert "data" not in response.json()
        assert response.json()["errors"][0]["extensions"]["code"] == code
    # Variables that do not coerce: not run either.
    response = post_json(client, {"query": TITLE, "variables": {"slug": 3}}, Accept=accept)
    assert response.status_code == status
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    # A field error once running: 200, with partial data.
    response = post_json(
        client, {"query": '{ article(id: 1, slug: "x") { title } conditions { slug } }'}
    )
    assert response.status_code == 200
    payload = response.json()
    assert payload["data"] == {"article": None, "conditions": [{"slug": "multiple-myeloma"}]}
    assert payload["errors"][0]["path"] == ["article"]


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_405_with_allow(client, method):
    response = getattr(client, method)("/graphql/", json.dumps({"query": "{ __typename }"}))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert response.json()["errors"][0]["extensions"] == {"code": "METHOD_NOT_ALLOWED"}


def test_mutation_by_get_is_405(client):
    response = client.get("/graphql/", {"query": "mutation { x }"})
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json()["errors"][0]["extensions"] == {"code": "METHOD_NOT_ALLOWED"}


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin-1", ""],
)
def test_post_needs_a_json_body(client, content_type):
    response = client.generic("POST", "/graphql/", "query={__typename}", content_type)
    assert response.status_code == 415
    assert response.json()["errors"][0]["extensions"] == {"code": "UNSUPPORTED_MEDIA_TYPE"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "The body is not valid JSON."),
        (b"\xff\xfe", "The body is not valid JSON."),
        (b'[{"query": "{ __typename }"}]', "The body must be a JSON object."),
        (b"{}", "Provide a query."),
        (b'{"query": null}', "Provide a query."),
        (b'{"query": 42}', "query must be a string."),
        (b'{"query": {"q": 1}}', "query must be a string."),
        (b'{"query": "{ __typename }", "operationName": 1}', "operationName must be a string."),
        (b'{"query": "{ __typename }", "variables": "{}"}', "variables must be an object."),
        (b'{"query": "{ __typename }", "variables": [1]}', "variables must be an object."),
        (b'{"query": "{ __typename }", "extensions": 1}', "extensions must be an object."),
    ],
)
def test_malformed_post_is_400(client, body, message):
    headers = {"Accept": GRAPHQL_RESPONSE}
    response = client.post("/graphql/", body, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert errors(response) == [message]
    assert response.json()["errors"][0]["extensions"] == {"code": "BAD_REQUEST"}
    # Not a well-formed request: 400 under legacy application/json too.
    legacy = client.post("/graphql/", body, content_type="application/json")
    assert legacy.status_code == 400
    assert errors(legacy) == [message]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Provide a query."),
        ({"query": "{ __typename }", "variables": "{oops"}, "variables must be JSON-encoded."),
        ({"query": "{ __typename }", "variables": "[1]"}, "variables must be an object."),
        ({"query": "{ __typename }", "extensions": "nope"}, "extensions must be JSON-encoded."),
    ],
)
def test_malformed_get_is_400(client, params, message):
    response = client.get("/graphql/", params, headers={"Accept": GRAPHQL_RESPONSE})
    assert response.status_code == 400
    assert errors(response) == [message]
    assert response.json()["errors"][0]["extensions"] == {"code": "BAD_REQUEST"}
    assert client.get("/graphql/", params).status_code == 400  # legacy application/json too


# --- Automatic persisted queries ------------------------------------------------------


def sha256(query):
    return hashlib.sha256(query.encode()).hexdigest()


def persisted(query_hash, version=1):
    return {"persistedQuery": {"version": version, "sha256Hash": query_hash}}


def get_persisted(client, query_hash, variables=SLUG):
    return client.get(
        "/graphql/",
        {"extensions": json.dumps(persisted(query_hash)), "variables": json.dumps(variables)},
    )


def test_persisted_query_round_trip(client, seed_article):
    query_hash = sha256(TITLE)
    response = get_persisted(client, query_hash)
    assert response.status_code == 200
    assert response.json() == {
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ]
    }

    response = post_json(
        client, {"query": TITLE, "variables": SLUG, "extensions": persisted(query_hash)}
    )
    assert response.json() == {"data": {"article": {"title": seed_article.title}}}

    response = get_persisted(client, query_hash)
    assert response.status_code == 200
    assert response.json() == {"data": {"article": {"title": seed_article.title}}}
    assert len(response.wsgi_request.get_full_path()) < 250


def test_registration_by_get(client, seed_article):
    query = "{ conditions { slug } }"
    response = client.get(
        "/graphql/", {"query": query, "extensions": json.dumps(persisted(sha256(query)))}
    )
    assert response.json()["data"] == {"conditions": [{"slug": "multiple-myeloma"}]}
    assert get_persisted(client, sha256(query), variables={}).json()["data"] == {
        "conditions": [{"slug": "multiple-myeloma"}]
    }


def test_hash_must_match_the_query(client, seed_article):
    response = post_json(
        client,
        {"query": TITLE, "variables": SLUG, "extensions": persisted(sha256("{ x }"))},
        Accept=GRAPHQL_RESPONSE,
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {"code": "PERSISTED_QUERY_HASH_MISMATCH"}
    assert get_persisted(client, sha256("{ x }")).json()["errors"][0]["extensions"] == {
        "code": "PERSISTED_QUERY_NOT_FOUND"
    }


@pytest.mark.parametrize(
    ("extensions", "code"),
    [
        (persisted("ABC"), "PERSISTED_QUERY_HASH_INVALID"),
        (persisted(sha256(TITLE).upper()), "PERSISTED_QUERY_HASH_INVALID"),
        (persisted(sha256(TITLE), version=2), "PERSISTED_QUERY_NOT_SUPPORTED"),
        ({"persistedQuery": "yes"}, "PERSISTED_QUERY_NOT_SUPPORTED"),
    ],
)
def test_bad_persisted_query_extensions_are_400(client, extensions, code):
    response = post_json(
        client, {"query": TITLE, "extensions": extensions}, Accept=GRAPHQL_RESPONSE
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {"code": code}


def test_only_valid_queries_are_stored(client, seed_article, settings):
    invalid = "{ noSuchField }"
    response = post_json(client, {"query": invalid, "extensions": persisted(sha256(invalid))})
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert get_persisted(client, sha256(invalid)).json()["errors"][0]["message"] == (
        "PersistedQueryNotFound"
    )

    settings.GRAPHQL_PERSISTED_QUERIES = {"MAX_QUERY_LENGTH": 20}
    long_query = "{ conditions { slug name description } }"
    response = post_json(
        client, {"query": long_query, "extensions": persisted(sha256(long_query))}
    )
    assert response.status_code == 200
    assert "data" in response.json()
    assert get_persisted(client, sha256(long_query)).json()["errors"][0]["message"] == (
        "PersistedQueryNotFound"
    )


# --- CORS -----------------------------------------------------------------------------


def preflight(client, origin):
    return client.options(
        "/graphql/",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )


def test_cors_for_configured_origins(client, seed_article, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    allowed = preflight(client, "https://app.example.org")
    assert allowed.status_code == 200
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.org"
    assert "POST" in allowed["Access-Control-Allow-Methods"]
    assert "content-type" in allowed["Access-Control-Allow-Headers"]

    refused = preflight(client, "https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in refused

    response = client.get(
        "/graphql/",
        {"query": TITLE, "variables": json.dumps(SLUG)},
        headers={"Origin": "https://app.example.org"},
    )
    assert response["Access-Control-Allow-Origin"] == "https://app.example.org"
    response = client.get(
        "/graphql/",
        {"query": TITLE, "variables": json.dumps(SLUG)},
        headers={"Origin": "https://evil.example.com"},
    )
    assert "Access-Control-Allow-Origin" not in response


def test_cors_only_for_the_api(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    response = client.get("/admin/login/", headers={"Origin": "https://app.example.org"})
    assert "Access-Control-Allow-Origin" not in response
