"""Where webhooks may be sent: addresses on the public internet only.

An endpoint URL pointing at loopback (``127.0.0.1``, ``localhost``), link-local
(``169.254.169.254``, a cloud's metadata service), private (``10/8``, ``192.168/16``, ...),
shared, reserved or multicast addresses would let whoever manages endpoints make the CMS
call internal services, and read their reply in the delivery log. Such targets are refused
twice: when an endpoint is saved (the URL's text: an IP literal or a ``localhost`` name),
and before every attempt (every address the host name resolves to at that moment, so a
public name pointing at an internal address is caught too). ``WEBHOOK_ALLOW_PRIVATE_TARGETS``
lifts the rule for local development, where receivers run on the same machine.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

ALLOW_SETTING = "WEBHOOK_ALLOW_PRIVATE_TARGETS"


class ForbiddenTarget(Exception):
    """The URL's host is, or resolves to, an address webhooks may not be sent to."""


def private_targets_allowed():
    return getattr(settings, ALLOW_SETTING, False)


def is_public(address):
    """Whether an IP address is on the public internet (not IPv4-mapped internal, ...)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def refusal(host, address=None):
    where = host if address is None or address == host else f"{host} ({address})"
    return (
        f"{where} is not a public internet address (loopback, link-local, private or "
        f"reserved): webhooks are only sent to public hosts. Set {ALLOW_SETTING}=true for "
        "local development."
    )


def url_host(url):
    return (urlsplit(url).hostname or "").rstrip(".").lower()


def check_url_text(url):
    """Refuse a URL whose host is a non-public IP literal or a ``localhost`` name."""
    if private_targets_allowed():
        return
    host = url_host(url)
    if host == "localhost" or host.endswith(".localhost"):
        raise ForbiddenTarget(refusal(host))
    try:
        public = is_public(host)
    except ValueError:
        return  # a name: checked when it is resolved, before each attempt
    if not public:
        raise ForbiddenTarget(refusal(host))


def check_resolved(url):
    """Refuse a URL whose host resolves to any non-public address (checked at send time)."""
    check_url_text(url)
    if private_targets_allowed():
        return
    host = url_host(url)
    try:
        infos = socket.getaddrinfo(host, urlsplit(url).port or None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise ForbiddenTarget(f"{host} does not resolve: {error}") from error
    for *_family, sockaddr in infos:
        address = sockaddr[0]
        if not is_public(address):
            raise ForbiddenTarget(refusal(host, address))


def validate_webhook_url(url):
    """Model and form validator: the URL's text must not name an internal host."""
    try:
        check_url_text(url)
    except ForbiddenTarget as error:
        raise ValidationError(str(error), code="forbidden_target") from error
