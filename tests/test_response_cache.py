"""Cached GraphQL responses: served without SQL, fresh after every content change."""

import datetime
import json
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from articles.models import ArticleIndexPage, ArticlePage, Disclaimer, TrustedSource

from .factories import make_article

pytestmark = pytest.mark.django_db

ARTICLE = """query Article($slug: String!) {
  article(slug: $slug) { title intro sources { name } disclaimer { body } }
}"""
# The same query as apps may send it: other whitespace, a comment, other line breaks.
ARTICLE_REFORMATTED = """
# one article
query Article($slug: String!) { article(slug: $slug) {
    title   intro
    sources { name }
    disclaimer { body } } }"""
SLUG = "immunotherapy-for-multiple-myeloma"
VARIABLES = {"slug": SLUG}


def post(graphql, query=ARTICLE, variables=VARIABLES, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = graphql.post(query, variables, **extra)
    return response, len(queries)


def test_second_identical_query_is_served_without_sql(graphql, seed_article):
    first, first_queries = post(graphql)
    second, second_queries = post(graphql)
    assert first_queries > 0
    assert first["X-Cache"] == "miss"
    assert second_queries == 0
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_queries_are_normalised_before_keying(graphql, seed_article):
    post(graphql)
    response, queries = post(graphql, ARTICLE_REFORMATTED)
    assert queries == 0
    assert response.json()["data"]["article"]["title"] == seed_article.title


def test_get_and_post_share_the_cache(graphql, seed_article):
    post(graphql)
    with CaptureQueriesContext(connection) as queries:
        response = graphql.get(ARTICLE, VARIABLES)
    assert len(queries) == 0
    assert response["X-Cache"] == "hit"


def test_variables_operation_and_site_are_part_of_the_key(graphql, seed_article):
    other = make_article("Bone health")
    post(graphql)
    response, queries = post(graphql, variables={"slug": other.slug})
    assert queries > 0
    assert response.json()["data"]["article"]["title"] == "Bone health"
    _response, queries = post(graphql, HTTP_HOST="localhost")
    assert queries > 0  # another host may be another site


def test_publishing_an_edit_refreshes_the_response(graphql, seed_article):
    post(graphql)
    seed_article.title = "Immunotherapy, revised"
    seed_article.save_revision().publish()
    response, queries = post(graphql)
    assert queries > 0
    assert response.json()["data"]["article"]["title"] == "Immunotherapy, revised"


def test_unpublishing_in_the_admin_removes_the_article(graphql, editor_client, seed_article):
    assert post(graphql)[0].json()["data"]["article"] is not None
    admin_response = editor_client.post(f"/admin/pages/{seed_article.pk}/unpublish/")
    assert admin_response.status_code == 302
    response, _queries = post(graphql)
    assert response.json()["data"]["article"] is None


def test_deleting_moving_and_restricting_pages_refresh_responses(graphql, seed_article):
    listing = "{ articles { items { slug url } } }"
    doomed = make_article("Short-lived")
    assert len(post(graphql, listing, None)[0].json()["data"]["articles"]["items"]) == 2
    doomed.delete()
    assert len(post(graphql, listing, None)[0].json()["data"]["articles"]["items"]) == 1

    index = ArticleIndexPage.objects.get()
    index.slug = "library"
    index.save_revision().publish()  # moves every article's URL
    items = post(graphql, listing, None)[0].json()["data"]["articles"]["items"]
    assert items[0]["url"] == f"/library/{SLUG}/"

    PageViewRestriction.objects.create(page=index, restriction_type="password", password="x")
    assert post(graphql, listing, None)[0].json()["data"]["articles"]["items"] == []


def test_snippet_changes_refresh_responses(graphql, seed_article):
    post(graphql)
    source = TrustedSource.objects.get(name="American Cancer Society")
    source.name = "ACS"
    source.save()
    data = post(graphql)[0].json()["data"]["article"]
    assert [s["name"] for s in data["sources"]] == ["ACS", "National Institutes of Health"]

    disclaimer = Disclaimer.objects.get(is_default=True)
    disclaimer.body = "<p>Revised disclaimer.</p>"
    disclaimer.save_revision().publish()
    data = post(graphql)[0].json()["data"]["article"]
    assert data["disclaimer"]["body"] == "<p>Revised disclaimer.</p>"


def test_etag_and_if_none_match(graphql, seed_article):
    first, _queries = post(graphql)
    etag = first["ETag"]
    assert etag.startswith('"') and not etag.startswith('W/"')
    not_modified, _queries = post(graphql, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    get = graphql.get(ARTICLE, VARIABLES, HTTP_IF_NONE_MATCH=f'"other", {etag}')
    assert get.status_code == 304
    stale, _queries = post(graphql, HTTP_IF_NONE_MATCH='"other"')
    assert stale.status_code == 200


def test_cacheable_responses_are_public_for_cdns(graphql, seed_article):
    response, _queries = post(graphql)
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"
    assert "Accept" in response["Vary"]
    assert "csrftoken" not in response.cookies
    with override_settings(
        GRAPHQL_RESPONSE_CACHE={
            "ENABLED": True,
            "CACHE_ALIAS": "default",
            "TIMEOUT": 60,
            "MAX_AGE": 30,
            "S_MAXAGE": 600,
        }
    ):
        response, _queries = post(graphql)
    assert response["Cache-Control"] == "public, max-age=30, s-maxage=600"


def test_preview_tokens_are_never_cached(graphql, seed_article):
    query = "query($token: String) { page(token: $token) { title } }"
    for _attempt in range(2):
        response, queries = post(graphql, query, {"token": "id=1;page_type=x:sig"})
        assert response["Cache-Control"] == "private, no-store"
        assert "X-Cache" not in response
    inline = '{ page(slug: "x", token: "id=1:sig") { title } }'
    post(graphql, inline, None)
    response, queries = post(graphql, inline, None)
    assert queries > 0
    assert response["Cache-Control"] == "private, no-store"


def test_authenticated_requests_are_never_cached(graphql, editor_client, seed_article):
    editor = type(graphql)(editor_client)
    for _attempt in range(2):
        response, queries = post(editor)
        assert queries > 0
        assert response["Cache-Control"] == "private, no-store"
    # ...but they still get an ETag to revalidate with.
    assert post(editor, HTTP_IF_NONE_MATCH=response["ETag"])[0].status_code == 304
    # The anonymous response was not filled by the editor's requests.
    assert post(graphql)[0]["X-Cache"] == "miss"


def test_responses_with_errors_are_never_cached(graphql, seed_article):
    both = '{ article(slug: "x", id: 1) { title } }'
    for _attempt in range(2):
        response, queries = post(graphql, both, None)
        assert response.json()["errors"][0]["message"] == "Give exactly one of id or slug."
        assert response["Cache-Control"] == "private, no-store"
    invalid = "{ article(slug: 1) { nope } }"
    response, _queries = post(graphql, invalid, None)
    assert "data" not in response.json()
    assert response["Cache-Control"] == "private, no-store"


def test_mutations_are_never_cached(graphql, seed_article):
    response, _queries = post(graphql, "mutation { nothing }", None)
    assert response["Cache-Control"] == "private, no-store"


def test_a_cached_response_never_outlives_an_expiry_time(graphql, seed_article):
    """Expired content is withheld at read time, before ``publish_scheduled`` runs: a
    response cached earlier must not be served once the expiry time has passed."""
    expiring = make_article("Expires in a moment")
    ArticlePage.objects.filter(pk=expiring.pk).update(
        expire_at=timezone.now() + datetime.timedelta(seconds=2)
    )
    query = "{ articles(perPage: 100) { items { title } } }"
    first, _ = post(graphql, query, {})
    assert "Expires in a moment" in first.content.decode()
    second, queries = post(graphql, query, {})
    assert second["X-Cache"] == "hit" and queries == 0

    time.sleep(2.5)
    after, _ = post(graphql, query, {})
    assert after["X-Cache"] == "miss"
    assert "Expires in a moment" not in after.content.decode()


def test_a_miss_looks_the_next_expiry_up_once_per_content_change(graphql, seed_article):
    post(graphql)  # reads the next expiry time for this generation
    _, first_miss = post(graphql, variables={"slug": SLUG, "other": 1})
    _, second_miss = post(graphql, variables={"slug": SLUG, "other": 2})
    assert first_miss == second_miss  # no further lookups within the same generation


@override_settings(
    GRAPHQL_RESPONSE_CACHE={
        "ENABLED": False,
        "CACHE_ALIAS": "default",
        "TIMEOUT": 60,
        "MAX_AGE": 0,
        "S_MAXAGE": 60,
    }
)
def test_the_cache_can_be_switched_off(graphql, seed_article):
    post(graphql)
    response, queries = post(graphql)
    assert queries > 0
    assert response["Cache-Control"] == "private, no-store"


def test_bad_variables_json_is_a_client_error(graphql, seed_article):
    response = graphql.client.get(
        "/graphql/",
        {"query": ARTICLE, "variables": "{nope"},
        headers={"Accept": "application/graphql-response+json"},
    )
    assert response.status_code == 400
    assert json.loads(response.content)["errors"][0]["extensions"] == {"code": "BAD_REQUEST"}


def redis_url():
    """The Redis database for this test, if a Redis server answers there."""
    import os

    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return None
    return url


def test_invalidation_through_a_shared_redis_cache(graphql, seed_article):
    """The generation lives in the shared cache: another process's client sees each bump."""
    url = redis_url()
    if url is None:
        pytest.skip("no Redis server at TEST_REDIS_URL")
    from django.core.cache.backends.redis import RedisCache

    from delivery.caching import GENERATION_KEY

    redis_caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "test-response-cache",
        }
    }
    shared = {**settings.GRAPHQL_RESPONSE_CACHE, "GENERATION_FILE": None}
    with override_settings(CACHES=redis_caches, GRAPHQL_RESPONSE_CACHE=shared):
        from django.core.cache import caches

        caches["default"].clear()
        other_process = RedisCache(url, {"KEY_PREFIX": "test-response-cache"})
        assert post(graphql)[0]["X-Cache"] == "miss"
        hit, queries = post(graphql)
        assert (hit["X-Cache"], queries) == ("hit", 0)
        generation = other_process.get(GENERATION_KEY)
        seed_article.title = "Immunotherapy, via Redis"
        seed_article.save_revision().publish()
        assert other_process.get(GENERATION_KEY) > generation
        response, queries = post(graphql)
        assert queries > 0
        assert response.json()["data"]["article"]["title"] == "Immunotherapy, via Redis"
        caches["default"].clear()
