"""Middleware work that anonymous API requests do not need, skipped for them only.

An anonymous request to ``/graphql/`` (no session cookie) shows no flash messages: it
skips the messages middleware, the most expensive of the stack on such a request. Every
other request (the admin, GraphiQL, a signed-in user's API request) runs it. The class is
Django's own, subclassed, so the admin's system check still recognises it. CSRF stays
Django's exact class, which ``check --deploy`` requires by name (on the ``csrf_exempt`` API
it only reads the cookie, about 5 µs). django-csp's middleware builds the same policy
again on every response (about 75 µs, most of it ``dataclasses.asdict`` deep-copying the
directives): on anonymous API requests, what it adds for given inputs is remembered
(``ContentSecurityPolicyMiddleware``). Measured costs are in README "Performance".
"""

from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.urls import reverse

# What django-csp's response hook reads from a response besides its status and headers.
CSP_RESPONSE_ATTRIBUTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)
CSP_HEADERS = (HEADER, HEADER_REPORT_ONLY)


@cache
def api_paths():
    """The API's path; ``ANONYMOUS_API_PATHS`` (a setting) overrides it (the benchmark adds
    its bare view, to compare both through the same middleware)."""
    return frozenset(
        getattr(settings, "ANONYMOUS_API_PATHS", None) or [reverse("grapple_graphql")]
    )


def is_anonymous_api_request(request):
    """A request to the API without a session: it can only be an anonymous reader's."""
    return request.path_info in api_paths() and settings.SESSION_COOKIE_NAME not in request.COOKIES


class MessageMiddleware(DjangoMessageMiddleware):
    """Django's messages middleware; anonymous API requests go straight on past it."""

    def __call__(self, request):
        if is_anonymous_api_request(request):
            return self.get_response(request)
        return super().__call__(request)


def same_inputs(these, those):
    """Equal scalars, and the very same directive dicts (the ``csp`` decorator's and the
    settings' are made once; ``override_settings`` makes new ones)."""
    return all(
        a is b or (type(a) is type(b) and isinstance(a, int | str) and a == b)
        for a, b in zip(these, those, strict=True)
    )


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware. On an anonymous API request without a nonce, the headers it
    adds are those it added for the same inputs before (the response's status, CSP
    attributes and headers already set, the path, the settings' policies), built by
    django-csp itself the first time; every other request runs it as it is."""

    MAX_REMEMBERED = 64

    def __init__(self, get_response):
        super().__init__(get_response)
        self.remembered = {}

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or not is_anonymous_api_request(
            request
        ):
            return super().process_response(request, response)
        inputs = (
            response.status_code,
            request.path_info,
            *(header in response for header in CSP_HEADERS),
            *(getattr(response, name, None) for name in CSP_RESPONSE_ATTRIBUTES),
            getattr(settings, "CONTENT_SECURITY_POLICY", None),
            getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None),
            settings.DEBUG,
        )
        key = tuple(x if x is None or isinstance(x, int | str) else id(x) for x in inputs)
        known = self.remembered.get(key)
        if known is None or not same_inputs(known[0], inputs):
            response = super().process_response(request, response)
            if len(self.remembered) >= self.MAX_REMEMBERED:
                self.remembered.clear()
            added = [
                None if already_set else response.get(header)
                for header, already_set in zip(CSP_HEADERS, inputs[2:4], strict=True)
            ]
            self.remembered[key] = (inputs, added)
            return response
        for header, value in zip(CSP_HEADERS, known[1], strict=True):
            if value is not None:
                response[header] = value
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
