"""Checking a CMS webhook in a receiver: the code the README quotes, tested in the CMS suite.

Run ``WEBHOOK_SECRET=... python examples/webhook_receiver.py 8080`` for a receiver that
prints every verified event (standard library only).
"""

import hashlib
import hmac
import time


def verify(secret, headers, body, tolerance=300):
    """True if the request was signed with ``secret`` in the last ``tolerance`` seconds.

    ``headers``: the request headers (a case-insensitive mapping); ``body``: the raw bytes.
    """
    timestamp = headers.get("X-CMS-Webhook-Timestamp", "")
    # isdigit() alone is True for "²", which int() refuses: ASCII digits only.
    if not (timestamp.isascii() and timestamp.isdigit()):
        return False  # missing or malformed
    if abs(time.time() - int(timestamp)) > tolerance:
        return False  # too old: a replay
    message = timestamp.encode() + b"." + body
    expected = "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers.get("X-CMS-Webhook-Signature", ""))


if __name__ == "__main__":
    import json
    import os
    import sys
    from http.server import BaseHTTPRequestHandler, HTTPServer

    seen_event_ids = set()  # use durable storage in a real receiver

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if not verify(os.environ["WEBHOOK_SECRET"], self.headers, body):
                self.send_response(401)
            else:
                event = json.loads(body)
                # The signed body's id, not the (unsigned) X-CMS-Webhook-Id header: retries
                # and replays repeat it, so act once.
                if event["id"] not in seen_event_ids:
                    seen_event_ids.add(event["id"])
                    print(json.dumps(event, indent=2))
                self.send_response(204)
            self.end_headers()

    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
