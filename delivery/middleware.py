"""Middleware that anonymous API requests do not need, skipped for them only.

An anonymous request to ``/graphql/`` (no session cookie) shows no flash messages and needs
no CSRF check (the view is ``csrf_exempt`` and reads no cookies). Every other request (the
admin, GraphiQL, a signed-in user's API request) runs the full middleware, so the admin
keeps every protection. Each class is Django's own middleware, subclassed, so Django's
checks (the admin requires the messages middleware) still recognise it; ``MIDDLEWARE``
lists it in place of the original. Measured costs are in README "Performance".
"""

from functools import cache

from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.middleware.csrf import CsrfViewMiddleware as DjangoCsrfViewMiddleware
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


class SkippedForAnonymousAPIRequests:
    """Anonymous API requests go straight on to the next middleware."""

    def __call__(self, request):
        if is_anonymous_api_request(request):
            return self.get_response(request)
        return super().__call__(request)


class MessageMiddleware(SkippedForAnonymousAPIRequests, DjangoMessageMiddleware):
    pass


class CsrfViewMiddleware(SkippedForAnonymousAPIRequests, DjangoCsrfViewMiddleware):
    def process_view(self, request, callback, callback_args, callback_kwargs):
        if is_anonymous_api_request(request):
            return None
        return super().process_view(request, callback, callback_args, callback_kwargs)
