import io
import json

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.test import Client

from articles.models import ArticlePage


class GraphQLClient:
    """Sends GraphQL requests over HTTP to /graphql/, as apps do."""

    def __init__(self, client):
        self.client = client

    def post(self, query, variables=None, **extra):
        body = {"query": query}
        if variables is not None:
            body["variables"] = variables
        return self.client.post(
            "/graphql/", json.dumps(body), content_type="application/json", **extra
        )

    def get(self, query, variables=None, **extra):
        params = {"query": query}
        if variables is not None:
            params["variables"] = json.dumps(variables)
        return self.client.get("/graphql/", params, **extra)

    def execute(self, query, variables=None):
        """POST the query and return ``data``, failing the test on any GraphQL error."""
        response = self.post(query, variables)
        assert response.status_code == 200, response.content
        payload = response.json()
        assert "errors" not in payload, payload["errors"]
        return payload["data"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache, as a fresh deployment does."""
    yield
    clear_cache(caches["default"])


def clear_cache(backend):
    """Empty the cache; on Redis only this run's keys, as others may share the database."""
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{backend.key_prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        backend.clear()


@pytest.fixture
def graphql(client):
    return GraphQLClient(client)


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def demo_content(db):
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def seed_article(demo_content):
    return ArticlePage.objects.get(slug="immunotherapy-for-multiple-myeloma")


@pytest.fixture(autouse=True)
def wagtail_initial_data(request):
    """Transactional tests: recreate what Wagtail's migrations seed, if a flush removed it.

    The flush after every transactional test (``live_server``, ``transaction=True``) empties
    all tables, including the locale, root page and root collection Wagtail's migrations
    create. (``serialized_rollback`` would restore them, but clashes with the content types
    the flush recreates after any transactional test without it.)
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from django.conf import settings
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(
        language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
    )
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(title="Root", slug="root", url_path="/")
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


@pytest.fixture
def demo_users(demo_content):
    """The demo site with its role users: editor, publisher and reviewer."""
    call_command("load_demo_content", "--with-demo-users", stdout=io.StringIO())


@pytest.fixture
def login(demo_users):
    """``login("editor")``: a client signed in through the login form as a demo user."""

    def log_in(username):
        client = Client()
        response = client.post(
            "/admin/login/", {"username": username, "password": username, "next": "/admin/"}
        )
        assert response.status_code == 302, f"{username} could not log in"
        return client

    return log_in
