import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.test import Client

from articles.demo.loader import LoadReport
from articles.models import ArticlePage
from demo.users import ensure_demo_users
from tests.factories import make_site


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
def editor_client(demo_content):
    """The admin, in its own client: the API client stays anonymous."""
    client = Client()
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def demo_content(db):
    """The site most tests start from, built by ``tests.factories.make_site`` (not the demo
    loader, which ``test_demo_content_and_schema`` and ``test_graphql_article`` cover)."""
    return make_site()


@pytest.fixture
def seed_file_site(db):
    """The demo site as ``load_demo_content`` builds it from the seed file, for the tests of
    the demo loader and of how the API serves the seed article."""
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def seed_file_article(seed_file_site):
    return ArticlePage.objects.get(slug="immunotherapy-for-multiple-myeloma")


@pytest.fixture
def seed_article(demo_content):
    """The site's one published article (``tests.factories.make_reference_article``)."""
    return demo_content


def pytest_collection_modifyitems(items):
    """Every transactional test (``live_server``, ``transaction=True``) rolls back by
    restoring the migrated rows: Wagtail's root page, locale and collection, the editorial
    groups and workflow. Mixing serialized and plain transactional tests does not work (a
    plain flush recreates content types that the restore then collides with), so all of
    them are serialized."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = bool(
            {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        ) or (marker is not None and marker.kwargs.get("transaction", False))
        if transactional:
            kwargs = {**(marker.kwargs if marker else {}), "transaction": True}
            kwargs["serialized_rollback"] = True
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture
def demo_users(demo_content):
    """The site with one user per role: editor, publisher and reviewer (password = name)."""
    ensure_demo_users(LoadReport())


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
