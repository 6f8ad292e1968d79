"""From an event to queued deliveries: one per endpoint, queued once the transaction commits.

The delivery rows are written in the editor's transaction, so an event exists only if the
change it describes was committed; the HTTP requests are made later by the task worker.
"""

import json
import logging
import uuid

from django.db import transaction
from django.utils import timezone

from .endpoints import configured_endpoints
from .models import WebhookDelivery
from .tasks import deliver_webhook

logger = logging.getLogger(__name__)


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
    for delivery_id in delivery_ids:
        deliver_webhook.enqueue(delivery_id)
