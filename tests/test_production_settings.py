"""Production settings: deploy checks pass, secrets are required, nothing is left open."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from cms.settings.base import BASE_DIR

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-of-more-than-fifty-characters-0123",
    "ALLOWED_HOSTS": "cms.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://cms.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run(args, **env):
    base = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    environment = {**base, **{key: value for key, value in env.items() if value is not None}}
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_checks_pass_with_the_documented_environment():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_secrets(missing):
    result = run(["manage.py", "check"], **{**PRODUCTION_ENV, missing: None})
    assert result.returncode != 0
    assert f"Set {'the SECRET_KEY' if missing == 'SECRET_KEY' else 'ALLOWED_HOSTS'}" in (
        result.stderr
    )


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse
try:
    graphiql = reverse("grapple_graphiql")
except NoReverseMatch:
    graphiql = None
client = Client(HTTP_HOST="cms.example.org")
introspection = client.post(
    "/graphql/", {"query": "{ __schema { queryType { name } } }"},
    content_type="application/json", secure=True,
)
print(json.dumps({
    "debug": settings.DEBUG,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "introspection_status": introspection.status_code,
    "introspection": introspection.json(),
    "graphiql": graphiql,
}))
"""


def probe(**env):
    result = run(["-c", PROBE], **PRODUCTION_ENV, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_is_locked_down_by_default():
    found = probe()
    assert found["debug"] is False
    assert found["session_cookie_secure"] and found["csrf_cookie_secure"]
    assert found["hsts"] >= 31_536_000
    assert found["introspection_status"] == 400
    assert "introspection has been disabled" in found["introspection"]["errors"][0]["message"]
    assert found["graphiql"] is None


def test_introspection_and_graphiql_can_be_enabled_explicitly():
    found = probe(GRAPHQL_INTROSPECTION="true", GRAPHIQL="true")
    assert found["introspection"]["data"]["__schema"]["queryType"]["name"] == "Query"
    assert found["graphiql"] == "/graphiql/"


@pytest.mark.django_db
def test_admin_login_is_throttled(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.com", "right-password")
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    # Locked out: even the right password is refused until the cool-off ends.
    response = client.post("/admin/login/", {"username": "editor", "password": "right-password"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_successful_login_resets_the_failure_count(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.com", "right-password")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "editor", "password": "right-password"})
    assert response.status_code == 302
    client.logout()
    response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "secret_key",
    [
        "x",
        "django-insecure-local-development-only",  # cms/settings/dev.py
        "test-only-secret-key",  # cms/settings/test.py
        "a" * 80,  # long, but one character
        "django-insecure-" + "k3y" * 20,
    ],
)
def test_production_refuses_weak_secret_keys(secret_key):
    result = run(["manage.py", "check"], **{**PRODUCTION_ENV, "SECRET_KEY": secret_key})
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


@pytest.mark.parametrize("hosts", ["*", "cms.example.org,*"])
def test_production_refuses_any_host(hosts):
    result = run(["manage.py", "check"], **{**PRODUCTION_ENV, "ALLOWED_HOSTS": hosts})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS=* accepts any Host header" in result.stderr


def failed_login(client, address, username="editor", password="wrong"):  # noqa: S107
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.2",  # the load balancer
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.mark.django_db
def test_behind_a_proxy_a_stranger_cannot_lock_an_editor_out(client, django_user_model, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    django_user_model.objects.create_superuser("editor", "editor@example.com", "right-password")
    # The stranger forges an address to the left of the one the proxy appends.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = failed_login(client, "198.51.100.99, 203.0.113.66")
    assert response.status_code == 429
    assert failed_login(client, "203.0.113.66").status_code == 429
    # The editor, from their own address, behind the same proxy, still gets in.
    response = failed_login(client, "192.0.2.10", password="right-password")
    assert response.status_code == 302


@pytest.mark.django_db
def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, django_user_model, settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    django_user_model.objects.create_superuser("editor", "editor@example.com", "right-password")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = failed_login(client, f"192.0.2.{attempt}")  # forged, changing each time
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.2"),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),
        (2, "6.6.6.6, 192.0.2.1, 10.0.0.1", "192.0.2.1"),
        (2, "192.0.2.1", "10.0.0.2"),  # did not come through both proxies
        (1, "not-an-address", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address(rf, settings, proxies, forwarded, expected):
    from cms.client_address import client_address

    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
