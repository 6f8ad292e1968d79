"""A per-client limit on uncached GraphQL work: 429 with Retry-After; cache hits are free."""

import json
from unittest import mock

import pytest
from django.test import Client

from delivery import error_codes

pytestmark = pytest.mark.django_db

QUERY = "query($n: Int) { pages(limit: $n) { id } }"
NOW = 1_800_000_010.0  # 10 s into a 60 s window


@pytest.fixture(autouse=True)
def limit(settings):
    settings.GRAPHQL_RATE_LIMIT = {
        **settings.GRAPHQL_RATE_LIMIT,
        "ENABLED": True,
        "REQUESTS": 3,
        "WINDOW_SECONDS": 60,
    }
    with mock.patch("delivery.rate_limit.time.time", return_value=NOW) as clock:
        yield clock


def ask(client, n, **extra):
    """An uncached request unless the same ``n`` was asked before."""
    return client.post(
        "/graphql/",
        json.dumps({"query": QUERY, "variables": {"n": n}}),
        content_type="application/json",
        **extra,
    )


def assert_limited(response):
    assert response.status_code == 429
    assert response["Retry-After"] == "50"
    assert response["Cache-Control"] == "private, no-store"
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == error_codes.RATE_LIMITED
    assert "at most 3 every 60 seconds" in error["message"]


def test_uncached_requests_over_the_limit_get_429(client, demo_content):
    for n in (1, 2, 3):
        assert ask(client, n).status_code == 200
    assert_limited(ask(client, 4))


def test_cache_hits_and_304s_are_not_counted(client, demo_content):
    first = ask(client, 1)
    assert first["X-Cache"] == "miss"
    for _ in range(10):
        assert ask(client, 1)["X-Cache"] == "hit"
        assert ask(client, 1, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert ask(client, 2).status_code == 200
    assert ask(client, 3).status_code == 200
    assert_limited(ask(client, 4))
    assert ask(client, 1)["X-Cache"] == "hit"  # still served from the cache


def test_uncacheable_requests_count(client, demo_content, django_user_model):
    client.force_login(django_user_model.objects.create_user("app", password="pw"))
    for _ in range(3):
        assert ask(client, 1).status_code == 200  # signed in: never cached
    assert_limited(ask(client, 1))


def test_each_client_address_has_its_own_allowance(demo_content):
    one, other = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    for n in (1, 2, 3):
        ask(one, n)
    assert_limited(ask(one, 4))
    assert ask(other, 4).status_code == 200


def test_behind_trusted_proxies_the_forwarded_address_is_the_client(demo_content, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    for n in (1, 2, 3):
        ask(proxy, n, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert_limited(ask(proxy, 4, HTTP_X_FORWARDED_FOR="192.0.2.1"))
    assert ask(proxy, 4, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 200


def test_the_next_window_starts_afresh(client, demo_content, limit):
    for n in (1, 2, 3):
        ask(client, n)
    assert_limited(ask(client, 4))
    limit.return_value = NOW + 50
    assert ask(client, 4).status_code == 200


def test_exempt_addresses_are_never_limited(demo_content, settings):
    settings.GRAPHQL_RATE_LIMIT = {**settings.GRAPHQL_RATE_LIMIT, "EXEMPT": ["192.0.2.0/24"]}
    builder = Client(REMOTE_ADDR="192.0.2.77")
    for n in range(1, 8):
        assert ask(builder, n).status_code == 200


def test_counters_are_shared_through_the_django_cache(client, demo_content):
    """Every process reads the same counters: they are in the shared cache, not memory."""
    from django.core.cache import cache

    for n in (1, 2, 3):
        ask(client, n)
    key = f"graphql:rate:127.0.0.1:{int(NOW // 60 * 60)}"
    assert cache.get(key) == 3
    cache.set(key, 0)  # as another process's view of the window would be after a reset
    assert ask(client, 4).status_code == 200
