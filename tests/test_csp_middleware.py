"""``delivery.middleware.ContentSecurityPolicyMiddleware``: django-csp's headers, built once
per set of inputs for anonymous API requests."""

from unittest import mock

import csp.middleware
import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

QUERY = {"query": "{ __typename }"}


def csp_headers(response):
    return {
        name: response.get(name)
        for name in ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
    }


def test_api_responses_get_django_csps_headers_built_once(client, settings):
    requests = [
        lambda: client.get("/graphql/", QUERY),
        lambda: client.post("/graphql/", "{", content_type="application/json"),  # 400
        lambda: client.head("/graphql/", QUERY),
        lambda: client.put("/graphql/"),  # 405
    ]
    with mock.patch("csp.middleware.build_policy", wraps=csp.middleware.build_policy) as build:
        first = [csp_headers(send()) for send in requests]
        built = build.call_count
        again = [csp_headers(send()) for send in requests]
        assert build.call_count == built  # remembered
        admin = csp_headers(client.get("/admin/login/"))
        assert build.call_count > built  # every other request: django-csp as it is
    assert again == first
    assert all(headers["Content-Security-Policy"] for headers in first)
    assert admin["Content-Security-Policy"] != first[0]["Content-Security-Policy"]


def test_a_policy_changed_in_settings_applies(client, settings):
    before = csp_headers(client.put("/graphql/"))
    policy = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["https://example.org"]}}
    with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=policy):
        after = csp_headers(client.put("/graphql/"))
    assert before["Content-Security-Policy-Report-Only"] is None
    assert "img-src https://example.org" in after["Content-Security-Policy-Report-Only"]


def test_requests_with_a_session_run_django_csp_every_time(client):
    with_cookie = Client()
    with_cookie.cookies["sessionid"] = "x"
    with mock.patch("csp.middleware.build_policy", return_value="default-src 'none'") as build:
        with_cookie.get("/graphql/", QUERY)
        with_cookie.get("/graphql/", QUERY)
    assert build.call_count == 4  # the policy and the report-only policy, each time
