"""One settings object with defaults: a deployment sets only what differs."""

import pytest

from delivery.settings import DEFAULTS, delivery_settings

pytestmark = pytest.mark.django_db

DEEP = "{ pages { parent { parent { id } } } }"  # 4 fields deep
ALIASED = "{ " + " ".join(f"a{i}: conditions {{ slug }}" for i in range(21)) + " }"


def test_a_limits_dict_without_a_key_keeps_that_key_s_default(graphql, settings):
    settings.GRAPHQL_LIMITS = {"MAX_DEPTH": 3}
    response = graphql.post(DEEP)
    assert response.status_code == 200  # a refusal under application/json (GraphQL over HTTP)
    assert "data" not in response.json()
    assert response.json()["errors"][0]["message"].startswith("The query is 4 fields deep")
    # MAX_ALIASES was not set: its default (20) still applies, no KeyError (500).
    response = graphql.post(ALIASED)
    assert response.status_code == 200, response.content
    assert "the maximum is 20" in response.json()["errors"][0]["message"]


def test_a_response_cache_dict_without_a_key_keeps_that_key_s_default(graphql, settings):
    settings.GRAPHQL_RESPONSE_CACHE = {"S_MAXAGE": 5}
    graphql.post("{ conditions { slug } }")
    response = graphql.post("{ conditions { slug } }")
    assert response.status_code == 200, response.content
    assert response["X-Cache"] == "hit"  # ENABLED and TIMEOUT: defaults
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=5"


def test_a_persisted_queries_dict_without_a_key_keeps_that_key_s_default(settings):
    settings.GRAPHQL_PERSISTED_QUERIES = {"MAX_QUERY_LENGTH": 20}
    options = delivery_settings.GRAPHQL_PERSISTED_QUERIES
    assert options == {"TIMEOUT": 7 * 24 * 3600, "MAX_QUERY_LENGTH": 20}


def test_an_unset_setting_is_its_default(settings):
    del settings.PREVIEW_TOKEN_MAX_AGE_SECONDS
    assert delivery_settings.PREVIEW_TOKEN_MAX_AGE_SECONDS == 3600
    settings.PREVIEW_TOKEN_MAX_AGE_SECONDS = 60
    assert delivery_settings.PREVIEW_TOKEN_MAX_AGE_SECONDS == 60


def test_unknown_settings_are_refused():
    with pytest.raises(AttributeError, match="Invalid delivery setting"):
        delivery_settings.GRAPHQL_LIMIT  # noqa: B018
    assert set(DEFAULTS) >= {"GRAPHQL_LIMITS", "GRAPHQL_RESPONSE_CACHE"}
