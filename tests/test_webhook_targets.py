"""Webhooks are never sent to loopback, link-local or private addresses (unless allowed)."""

import json
import socket
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import checks

from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from webhooks.tasks import deliver_webhook

from .test_webhooks import Receiver

pytestmark = pytest.mark.django_db

INTERNAL_URLS = [
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:8000/hooks",
    "http://localhost/hooks",
    "http://api.localhost/hooks",
    "http://[::1]/hooks",
    "http://[::ffff:127.0.0.1]/hooks",
    "http://10.0.0.5/hooks",
    "http://192.168.1.20/hooks",
    "http://100.64.0.1/hooks",
    "http://0.0.0.0/hooks",
]


@pytest.fixture
def admin_client_(client):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(user)
    return client


def add_endpoint(client, url):
    return client.post(
        "/admin/webhooks/endpoints/new/",
        {"name": "hook", "url": url, "secret": "s", "is_active": "on"},
    )


@pytest.mark.parametrize("url", INTERNAL_URLS)
def test_the_admin_refuses_internal_targets(admin_client_, url):
    response = add_endpoint(admin_client_, url)
    assert response.status_code == 200  # the form again, with the error
    assert "is not a public internet address" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_the_admin_accepts_public_targets(admin_client_):
    response = add_endpoint(admin_client_, "https://build.example.org/hooks")
    assert response.status_code == 302
    assert WebhookEndpoint.objects.get().url == "https://build.example.org/hooks"


def test_local_development_may_allow_internal_targets(admin_client_, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    assert add_endpoint(admin_client_, "http://127.0.0.1:8000/hooks").status_code == 302


def delivery_to(url, endpoint=None):
    endpoint = (
        endpoint
        or WebhookEndpoint.objects.bulk_create(  # skips validation, as an
            [WebhookEndpoint(name="hook", url=url, secret="s")]  # import or old row would
        )[0]
    )
    return WebhookDelivery.objects.create(
        event_type="article.published",
        endpoint=endpoint,
        endpoint_name=endpoint.name,
        url=url,
        body=json.dumps({"type": "article.published"}),
    )


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


def test_an_internal_target_saved_around_the_form_is_not_sent_to(receiver):
    delivery = delivery_to(receiver.url)
    deliver_webhook.call(delivery.pk)
    assert receiver.requests == []
    attempt = WebhookAttempt.objects.get(delivery=delivery)
    assert not attempt.succeeded
    assert attempt.error.startswith("Not sent: 127.0.0.1 is not a public internet address")


def resolves_to(address):
    def getaddrinfo(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port or 80))]

    return mock.patch("webhooks.targets.socket.getaddrinfo", side_effect=getaddrinfo)


def test_a_public_name_resolving_to_an_internal_address_is_refused_at_send_time():
    delivery = delivery_to("http://metadata.example.org/latest/")
    with resolves_to("169.254.169.254"), mock.patch("webhooks.tasks.requests.post") as post:
        deliver_webhook.call(delivery.pk)
    post.assert_not_called()
    error = WebhookAttempt.objects.get(delivery=delivery).error
    assert "metadata.example.org (169.254.169.254) is not a public internet address" in error


def test_a_name_resolving_to_a_public_address_is_sent():
    delivery = delivery_to("http://build.example.org/hooks")
    with resolves_to("93.184.216.34"), mock.patch("webhooks.tasks.requests.post") as post:
        post.return_value.status_code = 204
        assert deliver_webhook.call(delivery.pk) == WebhookDelivery.Status.DELIVERED
    post.assert_called_once()


def test_configured_endpoints_with_internal_targets_fail_the_checks(settings):
    settings.WEBHOOK_ENDPOINTS = [{"name": "x", "url": "http://10.1.2.3/hook", "secret": "s"}]
    errors = [e for e in checks.run_checks() if e.id == "webhooks.E005"]
    assert errors and "10.1.2.3 is not a public internet address" in errors[0].msg
