"""From an event to queued deliveries: one per endpoint, queued once the transaction commits.

The delivery rows are written in the editor's transaction, so an event exists only if the
change it describes was committed; the HTTP requests are made later by the task worker.
"""

import json
import logging
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)


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


def send_event(event_type, data):
    """Record the event for every endpoint and queue its delivery after commit."""
    endpoints = configured_endpoints()
    if not endpoints:
        return []
    event_id = uuid.uuid4()
    payload = {
        "id": str(event_id),
        "type": event_type,
        "timestamp": timezone.now().isoformat(),
        **data,
    }
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            event_id=event_id,
            event_type=event_type,
            endpoint=endpoint,
            endpoint_name=name,
            url=url,
            body=body,
        )
        for name, url, endpoint in endpoints
    )
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: enqueue_deliveries(ids), robust=True)
    return deliveries


def enqueue_deliveries(delivery_ids):
    from .tasks import deliver_webhook

    for delivery_id in delivery_ids:
        deliver_webhook.enqueue(delivery_id)
