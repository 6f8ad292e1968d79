"""What a request body may be before anything parses it, and no 500 without ``no-store``.

- The body: ``GRAPHQL_LIMITS["MAX_BODY_BYTES"]``, checked on ``Content-Length`` before the
  body is read or parsed (413, ``REQUEST_TOO_LARGE``). Django reads no more than that
  header announces, so a body without one is empty. GET requests are bounded by the app
  server's request-line limit (gunicorn: 4,094 bytes).
- JSON nested deeper than Python's recursion limit (a 100,000-deep array decodes into a
  ``RecursionError``) and variables nested deeper than ``MAX_VARIABLES_DEPTH`` are 400
  ``BAD_REQUEST``: no variable of the schema is more than a few levels deep.
- Strings holding a lone UTF-16 surrogate (JSON allows ``"\\ud800"``) are not Unicode
  text: they cannot be hashed, stored or sent to the database, so they are refused (400).
- Anything still unexpected is logged and answered with a GraphQL-shaped 500
  (``INTERNAL_SERVER_ERROR``); every 5xx says ``Cache-Control: private, no-store`` so no
  cache between the app and us keeps an error.
"""

import json
import logging

from django.http import HttpResponse

from . import error_codes
from .http import GraphQLRequestError
from .settings import delivery_settings

logger = logging.getLogger("delivery")

NO_STORE = "private, no-store"
INTERNAL_ERROR_MESSAGE = "The server failed to answer this request; it has been logged."


def body_limit():
    return delivery_settings.GRAPHQL_LIMITS["MAX_BODY_BYTES"]


def announced_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads no body then


def has_lone_surrogate(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def nesting_depth_and_surrogates(value):
    """How deep a JSON value nests (a scalar is 0, ``[]`` is 1) and whether any of its
    strings or keys holds a lone surrogate; iterative, so no depth can overflow it."""
    deepest, surrogate = 0, False
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            surrogate = surrogate or has_lone_surrogate(item)
        elif isinstance(item, dict):
            deepest = max(deepest, depth + 1)
            stack.extend((key, depth) for key in item)
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth + 1)
            stack.extend((child, depth + 1) for child in item)
    return deepest, surrogate


def check_text(value, name):
    if isinstance(value, str) and has_lone_surrogate(value):
        raise GraphQLRequestError(
            f"{name} contains a lone UTF-16 surrogate: send valid Unicode text.",
            code=error_codes.BAD_REQUEST,
        )


def check_json(value, name):
    if value is None:
        return
    depth, surrogate = nesting_depth_and_surrogates(value)
    if surrogate:
        check_text("\ud800", name)
    # The object holding the variables is one level; each value nests inside it.
    maximum = delivery_settings.GRAPHQL_LIMITS["MAX_VARIABLES_DEPTH"]
    if depth - 1 > maximum:
        raise GraphQLRequestError(
            f"{name} nest {depth - 1} levels deep; the maximum is {maximum}.",
            code=error_codes.BAD_REQUEST,
        )


def internal_error_response():
    body = {
        "errors": [
            {
                "message": INTERNAL_ERROR_MESSAGE,
                "extensions": {"code": error_codes.INTERNAL_SERVER_ERROR},
            }
        ]
    }
    return HttpResponse(json.dumps(body), status=500, content_type="application/json")


class RequestGuardMixin:
    """Body size, nesting and Unicode checks, and the last line against a bare 500."""

    def dispatch(self, request, *args, **kwargs):
        try:
            response = super().dispatch(request, *args, **kwargs)
        except Exception:
            logger.exception("GraphQL request failed")
            response = internal_error_response()
        if response.status_code >= 500:
            response["Cache-Control"] = NO_STORE
        return response

    def parse_body(self, request):
        if request.method == "POST" and announced_length(request) > body_limit():
            raise GraphQLRequestError(
                f"The request body is {announced_length(request)} bytes; the maximum is "
                f"{body_limit()} bytes.",
                status=413,
                code=error_codes.REQUEST_TOO_LARGE,
            )
        try:
            return super().parse_body(request)
        except RecursionError as error:
            raise GraphQLRequestError(
                "The JSON body is nested too deeply.", code=error_codes.BAD_REQUEST
            ) from error

    def get_graphql_request(self, request, data):
        try:
            query, variables, operation_name, extensions = super().get_graphql_request(
                request, data
            )
        except RecursionError as error:
            raise GraphQLRequestError(
                "variables or extensions are nested too deeply.", code=error_codes.BAD_REQUEST
            ) from error
        check_text(query, "query")
        check_text(operation_name, "operationName")
        check_json(variables, "variables")
        check_json(extensions, "extensions")
        return query, variables, operation_name, extensions
