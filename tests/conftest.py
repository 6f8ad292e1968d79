import io
import json

import pytest
from django.core.cache import cache
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
    """Each test starts with no cached responses: the cache outlives a test's database."""
    cache.clear()


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
