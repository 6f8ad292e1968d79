"""Middleware that anonymous API requests do not need, skipped for them only.

An anonymous request to ``/graphql/`` (no session cookie) shows no flash messages: it
skips the messages middleware, the most expensive of the stack on such a request. Every
other request (the admin, GraphiQL, a signed-in user's API request) runs it. The class is
Django's own, subclassed, so the admin's system check still recognises it. CSRF stays
Django's exact class, which ``check --deploy`` requires by name (on the ``csrf_exempt`` API
it only reads the cookie, about 5 µs). Measured costs are in README "Performance".
"""

from functools import cache

from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.urls import reverse


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
