"""Where webhooks go: endpoints managed in the admin plus those configured in the env."""

from django.conf import settings

from .models import WebhookEndpoint


def configured_endpoints():
    """(name, url, endpoint or None) of every active endpoint: the admin's, then the env's."""
    endpoints = [(e.name, e.url, e) for e in WebhookEndpoint.objects.filter(is_active=True)]
    endpoints += [(e["name"], e["url"], None) for e in settings.WEBHOOK_ENDPOINTS]
    return endpoints


def endpoint_secret(delivery):
    """The current secret of a delivery's endpoint, or None if the endpoint is gone."""
    if delivery.endpoint_id is not None:
        return delivery.endpoint.secret
    for endpoint in settings.WEBHOOK_ENDPOINTS:
        if endpoint["name"] == delivery.endpoint_name:
            return endpoint["secret"]
    return None
