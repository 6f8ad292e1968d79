#!/usr/bin/env python3
"""Runs the incremental build when the CMS's publish webhook calls.

    STATIC_SITE_WEBHOOK_SECRET=... python webhook_receiver.py \\
        --endpoint http://127.0.0.1:8000/graphql/ --out site/ --listen 127.0.0.1:8510

Register ``http://<listen>/`` as a webhook endpoint in the CMS with the same secret. Each
delivery is verified (HMAC-SHA256 of ``"{timestamp}.{body}"`` in
``X-CMS-Webhook-Signature``, timestamp at most five minutes old) and then triggers
``build.build()``: whatever the event, the build asks the API what changed since the last
sync, so missed deliveries do no harm. Builds run one at a time. A delivery whose event id
(the signed body's ``id``) was already built in the last five minutes is answered 200
without building again: a replayed request, or the CMS retrying after a lost answer, costs
nothing (older replays fail the timestamp check). A timestamp that is not plain ASCII
digits is refused (401) like a bad signature. Standard library only.
"""

import argparse
import hashlib
import hmac
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from build import BuildError, build

TIMESTAMP_HEADER = "X-CMS-Webhook-Timestamp"
SIGNATURE_HEADER = "X-CMS-Webhook-Signature"
TOLERANCE_SECONDS = 300
MAX_BODY_BYTES = 1024 * 1024
# Unix seconds as the CMS sends them; int() alone would also take "²"-like digits, "1_0"
# and spaces.
TIMESTAMP = re.compile(r"[0-9]{1,12}")


def verified(secret, headers, body, now=None):
    header = headers.get(TIMESTAMP_HEADER, "")
    if not TIMESTAMP.fullmatch(header):
        return False
    timestamp = int(header)
    if abs((now or time.time()) - timestamp) > TOLERANCE_SECONDS:
        return False
    message = header.encode() + b"." + body
    expected = "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers.get(SIGNATURE_HEADER, ""))


def event_id(body):
    """The event id from the signed body, or ``None`` if the body has none."""
    try:
        payload = json.loads(body)
    except ValueError:
        return None
    value = payload.get("id") if isinstance(payload, dict) else None
    return value if isinstance(value, str) and value else None


class RecentEvents:
    """Event ids built in the last ``ttl`` seconds (in memory: one receiver process)."""

    def __init__(self, ttl=TOLERANCE_SECONDS):
        self.ttl = ttl
        self.built_at = {}

    def __contains__(self, event):
        now = time.monotonic()
        self.built_at = {e: t for e, t in self.built_at.items() if now - t <= self.ttl}
        return event in self.built_at

    def add(self, event):
        self.built_at[event] = time.monotonic()


def make_handler(endpoint, out, secret):
    lock = threading.Lock()
    recent = RecentEvents()

    class WebhookHandler(BaseHTTPRequestHandler):
        def do_POST(self):
            try:
                length = int(self.headers.get("Content-Length", "0"))
            except ValueError:
                length = -1
            if not 0 <= length <= MAX_BODY_BYTES:
                return self.reply(400, {"error": "bad Content-Length"})
            body = self.rfile.read(length)
            if not verified(secret, self.headers, body):
                return self.reply(401, {"error": "bad or expired signature"})
            event = event_id(body)
            if event is None:
                return self.reply(400, {"error": "the body has no event id"})
            with lock:
                if event in recent:
                    return self.reply(200, {"duplicate": event})
                try:
                    written, deleted = build(
                        endpoint, out, log=lambda line: self.log_message("%s", line)
                    )
                except (BuildError, OSError) as error:
                    return self.reply(502, {"error": str(error)})
                recent.add(event)
            return self.reply(200, {"written": written, "deleted": deleted})

        def reply(self, status, payload):
            content = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def log_line(self, line):
            self.log_message("%s", line)

        def log_message(self, format, *args):
            sys.stderr.write(f"[webhook] {format % args}\n")

    return WebhookHandler


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", required=True, help="The CMS's /graphql/ URL.")
    parser.add_argument("--out", type=Path, default=Path("site"))
    parser.add_argument("--listen", default="127.0.0.1:8510", help="host:port")
    args = parser.parse_args(argv)
    secret = os.environ.get("STATIC_SITE_WEBHOOK_SECRET")
    if not secret:
        parser.error("set STATIC_SITE_WEBHOOK_SECRET to the webhook endpoint's secret")
    host, _, port = args.listen.rpartition(":")
    server = ThreadingHTTPServer((host, int(port)), make_handler(args.endpoint, args.out, secret))
    print(f"Listening on http://{args.listen}/ → builds {args.out} from {args.endpoint}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    sys.exit(main())
