"""Anonymous API requests skip the messages middleware; nothing else does, and CSRF stays."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

QUERY = "{ conditions { name } }"


def test_an_anonymous_api_request_skips_messages(graphql):
    response = graphql.get(QUERY)
    assert response.status_code == 200
    assert not hasattr(response.wsgi_request, "_messages")
    assert not response.cookies


def test_an_api_request_with_a_session_runs_the_full_stack(login):
    response = login("editor").get("/graphql/", {"query": QUERY})
    assert response.status_code == 200
    assert hasattr(response.wsgi_request, "_messages")


def test_the_admin_keeps_messages_and_csrf(demo_users):
    client = Client(enforce_csrf_checks=True)
    login_page = client.get("/admin/login/")
    assert hasattr(login_page.wsgi_request, "_messages")
    refused = client.post("/admin/login/", {"username": "editor", "password": "editor"})
    assert refused.status_code == 403  # no CSRF token
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        "/admin/login/",
        {"username": "editor", "password": "editor", "csrfmiddlewaretoken": token},
    )
    assert accepted.status_code == 302


def test_a_cross_site_post_to_the_api_is_still_served(graphql):
    """The API is csrf_exempt whatever the middleware: apps POST without tokens."""
    client = Client(enforce_csrf_checks=True)
    response = client.post("/graphql/", {"query": QUERY}, content_type="application/json")
    assert response.status_code == 200
