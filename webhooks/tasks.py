"""Delivering one webhook: a signed POST, logged, retried with exponential backoff.

Runs in the task worker (``manage.py db_worker --backend webhooks``), never in the editor's
request. A failed attempt (connection error, timeout, non-2xx answer) schedules the next one
``WEBHOOK_RETRY_BASE_SECONDS * 2**(n-1)`` seconds later (capped at
``WEBHOOK_RETRY_MAX_SECONDS``) until ``WEBHOOK_MAX_ATTEMPTS`` attempts have been made.
"""

import datetime
import logging
import time

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

from .endpoints import endpoint_secret
from .models import WebhookAttempt, WebhookDelivery
from .signing import signed_headers
from .targets import ForbiddenTarget, check_resolved

logger = logging.getLogger(__name__)


def retry_delay(attempt_number):
    """Seconds to wait after failed attempt ``attempt_number`` (1-based)."""
    delay = settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (attempt_number - 1)
    return datetime.timedelta(seconds=min(delay, settings.WEBHOOK_RETRY_MAX_SECONDS))


def post(delivery, secret, attempt_number):
    """Send one attempt; returns (response status or None, error text or "")."""
    body = delivery.body.encode()
    headers = signed_headers(
        secret=secret,
        timestamp=int(time.time()),
        body=body,
        event_id=delivery.event_id,
        event_type=delivery.event_type,
        attempt=attempt_number,
    )
    try:
        check_resolved(delivery.url)
    except ForbiddenTarget as refused:
        return None, f"Not sent: {refused}"
    try:
        response = requests.post(
            delivery.url,
            data=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            allow_redirects=False,
        )
    except requests.Timeout:
        return None, f"Timed out after {settings.WEBHOOK_TIMEOUT_SECONDS:g} s"
    except requests.RequestException as error:
        return None, f"{type(error).__name__}: {error}"[:2000]
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, f"HTTP {response.status_code}: {response.text[:500]}"


@task(backend="webhooks")
def deliver_webhook(delivery_id):
    """Make the next attempt of a pending delivery; schedule a retry if it fails."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("endpoint")
            .filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING)
            .first()
        )
        if delivery is None:
            return "not pending"
        delivery.attempt_count += 1
        delivery.save(update_fields=["attempt_count"])
    attempt_number = delivery.attempt_count

    secret = endpoint_secret(delivery)
    started_at = timezone.now()
    clock = time.monotonic()
    if secret is None:
        status_code, error = None, "The endpoint no longer exists."
    else:
        status_code, error = post(delivery, secret, attempt_number)
    duration_ms = round((time.monotonic() - clock) * 1000)
    succeeded = not error

    WebhookAttempt.objects.create(
        delivery=delivery,
        number=attempt_number,
        started_at=started_at,
        duration_ms=duration_ms,
        succeeded=succeeded,
        response_status=status_code,
        error=error,
    )
    if succeeded:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.next_attempt_at = None
    elif secret is None or attempt_number >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.next_attempt_at = timezone.now() + retry_delay(attempt_number)
    delivery.save(update_fields=["status", "delivered_at", "next_attempt_at"])
    logger.info(
        "Webhook %s to %s attempt %d: %s in %d ms",
        delivery.event_type,
        delivery.endpoint_name,
        attempt_number,
        status_code or error,
        duration_ms,
    )
    if delivery.status == WebhookDelivery.Status.PENDING:
        schedule_retry(delivery)
    return delivery.status


def schedule_retry(delivery):
    backend = task_backends[deliver_webhook.backend]
    if backend.supports_defer:
        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    else:
        # A backend that cannot defer (the immediate one) retries without waiting.
        deliver_webhook.enqueue(delivery.pk)
