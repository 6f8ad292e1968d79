"""The address a request came from, trusting ``X-Forwarded-For`` only as far as configured.

Behind ``TRUSTED_PROXY_COUNT`` proxies (load balancer, CDN), each of which appends the
address it received the request from to ``X-Forwarded-For``, the client's address is the
entry that many places from the right: everything left of it was written by the client and
may be forged. With no trusted proxy (the default) the header is ignored and the peer
address (``REMOTE_ADDR``) is the client. A header shorter than the proxy count, or an entry
that is not an IP address, means the request did not come through the proxies: the peer
address is used then.

Login throttling (``AXES_CLIENT_IP_CALLABLE``) and the API's rate limit both use this.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return peer
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        return peer
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer
