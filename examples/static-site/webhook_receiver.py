#!/usr/bin/env python3
"""Runs the incremental build when the CMS's publish webhook calls.

    STATIC_SITE_WEBHOOK_SECRET=... python webhook_receiver.py \\
        --endpoint http://127.0.0.1:8000/graphql/ --out site/ --listen 127.0.0.1:8510

Register ``http://<listen>/`` as a webhook endpoint in the CMS with the same secret. Each
delivery is verified (HMAC-SHA256 of ``"{timestamp}.{body}"`` in
``X-CMS-Webhook-Signature``, timestamp at most five minutes old) and then triggers
``build.build()``: whatever the event, the build asks the API what changed since the last
sync, so missed or repeated deliveries do no harm. Builds run one at a time.
Standard library only.
"""

import argparse
import hashlib
import hmac
import json
import os
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


def verified(secret, headers, body, now=None):
    try:
        timestamp = int(headers.get(TIMESTAMP_HEADER, ""))
    except ValueError:
        return False
    if abs((now or time.time()) - timestamp) > TOLERANCE_SECONDS:
        return False
    message = str(timestamp).encode() + b"." + body
    expected = "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers.get(SIGNATURE_HEADER, ""))


def make_handler(endpoint, out, secret):
    lock = threading.Lock()

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
            with lock:
                try:
                    written, deleted = build(
                        endpoint, out, log=lambda line: self.log_message("%s", line)
                    )
                except (BuildError, OSError) as error:
                    return self.reply(502, {"error": str(error)})
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
