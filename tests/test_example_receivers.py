"""The example webhook receivers: malformed timestamps are refused cleanly, replays of a
delivered event are not acted on twice."""

import hashlib
import hmac
import io
import json
import sys
import time
from pathlib import Path

import pytest

from examples.webhook_receiver import verify

STATIC_SITE = Path(__file__).resolve().parent.parent / "examples" / "static-site"
SECRET = "s3cret"
MALFORMED = ["²", "١٧٠٠٠٠٠٠٠٠", "１７００", " 1700000000", "1_700_000_000", "-5", "", "9" * 40]


def signed(body, timestamp=None):
    timestamp = timestamp if timestamp is not None else str(int(time.time()))
    digest = hmac.new(SECRET.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return {
        "X-CMS-Webhook-Timestamp": timestamp,
        "X-CMS-Webhook-Signature": "sha256=" + digest.hexdigest(),
    }


@pytest.mark.parametrize("timestamp", MALFORMED)
def test_the_reference_receiver_refuses_malformed_timestamps(timestamp):
    body = b'{"id": "e1"}'
    assert verify(SECRET, signed(body, timestamp), body) is False


@pytest.fixture
def static_site_receiver(monkeypatch):
    monkeypatch.syspath_prepend(str(STATIC_SITE))
    sys.modules.pop("webhook_receiver", None)
    import webhook_receiver

    builds = []
    monkeypatch.setattr(
        webhook_receiver, "build", lambda endpoint, out, log: builds.append(1) or (["a"], [])
    )
    yield webhook_receiver, builds
    sys.modules.pop("webhook_receiver", None)


class FakeRequest:
    """Drives the handler's do_POST without a socket."""

    def __init__(self, handler_class, body, headers):
        self.handler = handler_class.__new__(handler_class)
        self.handler.headers = {"Content-Length": str(len(body)), **headers}
        self.handler.rfile = io.BytesIO(body)
        self.handler.wfile = io.BytesIO()
        self.replies = []
        self.handler.reply = lambda status, payload: self.replies.append((status, payload))

    def post(self):
        self.handler.do_POST()
        return self.replies[-1]


def deliver(handler_class, body, headers):
    return FakeRequest(handler_class, body, headers).post()


@pytest.mark.parametrize("timestamp", MALFORMED)
def test_the_static_site_receiver_refuses_malformed_timestamps(static_site_receiver, timestamp):
    module, builds = static_site_receiver
    handler = module.make_handler("http://cms/graphql/", Path("site"), SECRET)
    body = b'{"id": "e1"}'
    status, _payload = deliver(handler, body, signed(body, timestamp))
    assert status == 401
    assert builds == []


def test_the_static_site_receiver_builds_each_event_once(static_site_receiver):
    module, builds = static_site_receiver
    handler = module.make_handler("http://cms/graphql/", Path("site"), SECRET)
    body = json.dumps({"id": "0d5c3a4e", "type": "article.published"}).encode()
    assert deliver(handler, body, signed(body))[0] == 200
    # The same signed request again (a replay inside the window), or the CMS's retry.
    assert deliver(handler, body, signed(body)) == (200, {"duplicate": "0d5c3a4e"})
    assert builds == [1]
    other = json.dumps({"id": "7a1f", "type": "article.published"}).encode()
    assert deliver(handler, other, signed(other))[0] == 200
    assert builds == [1, 1]


def test_the_static_site_receiver_needs_an_event_id(static_site_receiver):
    module, builds = static_site_receiver
    handler = module.make_handler("http://cms/graphql/", Path("site"), SECRET)
    body = b'{"type": "article.published"}'
    assert deliver(handler, body, signed(body))[0] == 400
    assert builds == []
