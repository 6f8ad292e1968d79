"""The webhook signature: HMAC-SHA256 over ``"{timestamp}.{body}"`` with the endpoint secret.

Receivers recompute it (see ``examples/webhook_receiver.py``) and reject requests whose
timestamp is too old, so a captured request cannot be replayed later.
"""

import hashlib
import hmac

EVENT_ID_HEADER = "X-CMS-Webhook-Id"
EVENT_TYPE_HEADER = "X-CMS-Webhook-Event"
TIMESTAMP_HEADER = "X-CMS-Webhook-Timestamp"
SIGNATURE_HEADER = "X-CMS-Webhook-Signature"
ATTEMPT_HEADER = "X-CMS-Webhook-Attempt"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(*, secret, timestamp, body, event_id, event_type, attempt):
    return {
        "Content-Type": "application/json",
        "User-Agent": "health-articles-cms-webhooks/1",
        EVENT_ID_HEADER: str(event_id),
        EVENT_TYPE_HEADER: event_type,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret, timestamp, body),
        ATTEMPT_HEADER: str(attempt),
    }
