"""``/healthz`` tells a load balancer whether this instance can serve: database and cache."""

import socket

import pytest
from django.db.utils import ConnectionHandler
from django.test import override_settings

from cms import health

pytestmark = pytest.mark.django_db


def closed_port():
    """A local TCP port nothing listens on: connections to it are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def unreachable_database(monkeypatch):
    """The health check's connection points at a PostgreSQL server that is not there."""
    databases = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "cms",
                "USER": "postgres",
                "HOST": "127.0.0.1",
                "PORT": closed_port(),
                "OPTIONS": {"connect_timeout": 2},
            }
        }
    )
    monkeypatch.setattr(health, "connection", databases["default"])
    yield
    databases["default"].close()


@pytest.fixture
def unreachable_cache():
    location = f"redis://127.0.0.1:{closed_port()}/0"
    backend = "django.core.cache.backends.redis.RedisCache"
    options = {"socket_connect_timeout": 2, "socket_timeout": 2}
    with override_settings(
        CACHES={"default": {"BACKEND": backend, "LOCATION": location, "OPTIONS": options}}
    ):
        yield


def test_healthy(anonymous_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = anonymous_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_head_is_answered_and_writes_are_refused(anonymous_client):
    assert anonymous_client.head("/healthz").status_code == 200
    assert anonymous_client.post("/healthz").status_code == 405


def test_database_down(anonymous_client, unreachable_database):
    response = anonymous_client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "error", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_cache_down(anonymous_client, unreachable_cache):
    response = anonymous_client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "error"}


def test_both_down(anonymous_client, unreachable_database, unreachable_cache):
    response = anonymous_client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "error", "cache": "error"}


def test_not_redirected_to_https_in_production(anonymous_client):
    """Load balancers probe instances over plain HTTP."""
    with override_settings(SECURE_SSL_REDIRECT=True):
        assert anonymous_client.get("/healthz").status_code == 200
        assert anonymous_client.get("/graphql/").status_code == 301
