"""Abusive bodies and variables get a coded 4xx written for the app developer, never a 500."""

import hashlib
import json
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client

from delivery import error_codes
from delivery.persisted_queries import CACHE_KEY_PREFIX
from delivery.settings import delivery_settings

pytestmark = pytest.mark.django_db

LIMITS = delivery_settings.GRAPHQL_LIMITS
PYTHON_ERROR_TEXT = ("int() argument", "cannot convert", "Traceback", "Error:", "not 'dict'")


def post_raw(client, body, **extra):
    return client.post("/graphql/", body, content_type="application/json", **extra)


STRICT_JSON = "application/graphql-response+json"


def error_of(response, status, code=None, strict=False):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(STRICT_JSON if strict else "application/json")
    error = response.json()["errors"][0]
    if code is not None:
        assert error["extensions"]["code"] == code, error
    for text in PYTHON_ERROR_TEXT:
        assert text not in error["message"], error["message"]
    return error["message"]


@pytest.fixture
def api():
    """A client that answers a view's exception with Django's 500 page, as gunicorn does."""
    return Client(raise_request_exception=False)


def test_body_over_the_limit_is_413_before_parsing(api):
    limit = LIMITS["MAX_BODY_BYTES"]
    body = json.dumps({"query": "{ __typename }", "variables": {"pad": "x" * limit}})
    with mock.patch("json.loads", side_effect=AssertionError("parsed")) as loads:
        response = post_raw(api, body)
    loads.assert_not_called()
    message = error_of(response, 413, error_codes.REQUEST_TOO_LARGE)
    assert f"the maximum is {limit} bytes" in message
    assert response["Cache-Control"] == "private, no-store"


def test_body_within_the_limit_runs(api):
    body = json.dumps({"query": "{ __typename }", "variables": {"pad": "x" * 1000}})
    assert post_raw(api, body).json() == {"data": {"__typename": "Query"}}


def test_deeply_nested_json_body_is_refused(api):
    # 100,000 levels are over the body limit; 30,000 are within it, and still overflow
    # Python's JSON decoder.
    error_of(post_raw(api, "[" * 100_000 + "]" * 100_000), 413, error_codes.REQUEST_TOO_LARGE)
    response = post_raw(api, "[" * 30_000 + "]" * 30_000)
    assert "nested" in error_of(response, 400, error_codes.BAD_REQUEST)
    assert response["Cache-Control"] == "private, no-store"


def test_deeply_nested_variables_are_400(api):
    deep = "[" * 30_000 + "]" * 30_000
    body = '{"query": "query($v: [Int]) { __typename }", "variables": {"v": ' + deep + "}}"
    error_of(post_raw(api, body), 400, error_codes.BAD_REQUEST)
    by_get = api.get("/graphql/", {"query": "{ __typename }", "variables": '{"v":' + deep + "}"})
    error_of(by_get, 400, error_codes.BAD_REQUEST)


def test_variables_nested_under_the_json_limit_are_refused_too(api):
    depth = LIMITS["MAX_VARIABLES_DEPTH"] + 1
    body = json.dumps(
        {"query": "{ __typename }", "variables": {"v": json.loads("[" * depth + "]" * depth)}}
    )
    message = error_of(post_raw(api, body), 400, error_codes.BAD_REQUEST)
    assert f"the maximum is {LIMITS['MAX_VARIABLES_DEPTH']}" in message


def test_persisted_query_with_a_lone_surrogate_is_400(api):
    body = (
        '{"query": "{ __typename } # \\ud800", "extensions": {"persistedQuery": '
        '{"version": 1, "sha256Hash": "' + "a" * 64 + '"}}}'
    )
    message = error_of(post_raw(api, body), 400, error_codes.BAD_REQUEST)
    assert "surrogate" in message


def test_lone_surrogate_in_variables_is_400(api):
    body = '{"query": "query($s: String) { __typename }", "variables": {"s": "a\\udfffb"}}'
    assert "variables" in error_of(post_raw(api, body), 400, error_codes.BAD_REQUEST)


def test_an_unexpected_exception_is_a_coded_500_with_no_store(api):
    with mock.patch(
        "delivery.http.GraphQLOverHTTPMixin.parse_body", side_effect=RuntimeError("secret")
    ):
        response = post_raw(api, json.dumps({"query": "{ __typename }"}))
    message = error_of(response, 500, error_codes.INTERNAL_SERVER_ERROR)
    assert "secret" not in message
    assert response["Cache-Control"] == "private, no-store"


def sha256(text):
    return hashlib.sha256(text.encode()).hexdigest()


def test_oversized_persisted_query_is_refused_before_parsing_or_storing(api):
    limit = LIMITS["MAX_QUERY_BYTES"]
    query = "{ __typename " + "# padding\n" * (15 * 1024 // 10) + "}"
    assert limit < len(query) < delivery_settings.GRAPHQL_PERSISTED_QUERIES["MAX_QUERY_LENGTH"]
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256(query)}}
    with mock.patch("delivery.persisted_queries.parsed_query") as parse:
        response = post_raw(
            api,
            json.dumps({"query": query, "extensions": extensions}),
            HTTP_ACCEPT=STRICT_JSON,  # under legacy application/json, refusals are 200s
        )
    error_of(response, 400, error_codes.QUERY_TOO_LARGE, strict=True)
    parse.assert_not_called()
    assert cache.get(CACHE_KEY_PREFIX + sha256(query)) is None


PAGE_LIMIT = "query($n: Int) { pages(limit: $n) { id } }"


@pytest.mark.parametrize("value", [{"a": 1}, "1e400", [1, 2], "ten", 2**31, 1.5])
def test_int_coercion_errors_name_the_variable_and_say_why(api, value):
    body = json.dumps({"query": PAGE_LIMIT, "variables": {"n": value}})
    response = post_raw(api, body, HTTP_ACCEPT=STRICT_JSON)
    message = error_of(response, 400, error_codes.BAD_USER_INPUT, strict=True)
    assert message.startswith("Variable '$n' got invalid value")
    assert "Int cannot represent" in message


@pytest.mark.parametrize("value", [-1, 0, 101])
def test_paging_bounds_are_bad_user_input(api, value):
    body = json.dumps({"query": PAGE_LIMIT, "variables": {"n": value}})
    message = error_of(post_raw(api, body), 200, error_codes.BAD_USER_INPUT)
    assert message == f"limit must be between 1 and 100; got {value}."


def test_int_paging_accepts_integers(api, demo_content):
    body = json.dumps({"query": PAGE_LIMIT, "variables": {"n": 2}})
    assert len(post_raw(api, body).json()["data"]["pages"]) == 2
