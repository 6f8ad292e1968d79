"""GraphQL over HTTP (https://graphql.github.io/graphql-over-http/) on graphene-django's view.

What graphene-django's ``GraphQLView`` leaves open, and how this mixin answers:

- Media types: ``Accept`` is read as RFC 9110 says (media ranges with parameters,
  q-values, wildcards; the most specific range decides a type's weight). A response is
  ``application/graphql-response+json`` when ``Accept`` prefers it, ``application/json``
  otherwise (also when ``Accept`` is missing or only ``*/*``); an ``Accept`` that allows
  neither gets 406.
- Requests: GET (and HEAD, the same without a body) with URL parameters (queries only: a
  mutation by GET is 405 with ``Allow: POST``), POST with an ``application/json`` body (any
  other Content-Type is 415). Other methods are 405 with ``Allow: GET, HEAD, POST``.
- Parameters: ``query`` and ``operationName`` must be strings, ``variables`` and
  ``extensions`` JSON objects (by GET: JSON-encoded); anything else, malformed JSON, or no
  query at all is a 400 with a GraphQL-shaped ``errors`` body, never a 500.
- Status codes follow the spec for each media type. A request that is not well-formed
  (above) is a 400 under both. For a well-formed request whose document does not parse or
  validate (limits included) or whose variables do not coerce, the operation did not run:
  400 under ``application/graphql-response+json``, 200 under legacy ``application/json``
  (read ``errors``). Once the operation ran: 200, even with field errors and partial
  ``data``.
- Every error carries ``extensions.code`` from ``delivery.error_codes`` (see
  ``delivery.errors`` for how each error is classified).
"""

import json
import re
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.cache import patch_vary_headers
from graphene_django.views import HttpError

from . import error_codes

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
# On ties (``*/*``), legacy application/json first: what every existing client reads.
RESPONSE_MEDIA_TYPES = [JSON, GRAPHQL_RESPONSE_JSON]
# The parameters every response's media type has (RFC 9110 12.5.1: a range with
# parameters matches only representations with those parameters).
RESPONSE_PARAMETERS = {"charset": "utf-8"}
ALLOWED_METHODS = ["GET", "HEAD", "POST"]

CODE_FOR_STATUS = {
    400: error_codes.BAD_REQUEST,
    405: error_codes.METHOD_NOT_ALLOWED,
    406: error_codes.NOT_ACCEPTABLE,
    413: error_codes.REQUEST_TOO_LARGE,
    415: error_codes.UNSUPPORTED_MEDIA_TYPE,
    429: error_codes.RATE_LIMITED,
}

TCHARS = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
MEDIA_RANGE = re.compile(rf"^\s*({TCHARS})/({TCHARS})\s*$")
PARAMETER = re.compile(rf'^\s*({TCHARS})\s*=\s*("(?:[^"\\]|\\.)*"|{TCHARS})\s*$')
QVALUE = re.compile(r"^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")


class GraphQLRequestError(HttpError):
    """A request that cannot be executed: answered with ``status`` and a coded GraphQL error.

    ``code`` defaults to the one for ``status``.
    """

    def __init__(self, message, status=400, code=None, allow=None):
        response = HttpResponseNotAllowed(allow) if allow else HttpResponse(status=status)
        super().__init__(response, message)
        self.code = code or CODE_FOR_STATUS.get(response.status_code, error_codes.BAD_REQUEST)


def document_error(request, message, code):
    """A refused document (not its request): 400, or 200 under legacy ``application/json``,
    as for errors from parsing and validation."""
    status = 200 if getattr(request, "graphql_media_type", JSON) == JSON else 400
    return GraphQLRequestError(message, status=status, code=code)


def split_outside_quotes(text, separator):
    parts, current, quoted, escaped = [], [], False, False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def parse_accept(header):
    """The media ranges of an ``Accept`` header as ``(type, subtype, params, q)``, in order.

    Elements that do not parse are skipped, as RFC 9110 lets a recipient do.
    """
    ranges = []
    for element in split_outside_quotes(header, ","):
        if not element.strip():
            continue
        media_range, *raw_parameters = split_outside_quotes(element, ";")
        match = MEDIA_RANGE.match(media_range)
        if match is None:
            continue
        main_type, subtype = match.group(1).lower(), match.group(2).lower()
        if main_type == "*" and subtype != "*":
            continue
        parameters, weight, valid = {}, 1.0, True
        for raw in raw_parameters:
            parameter = PARAMETER.match(raw)
            if parameter is None:
                valid = False
                break
            name, value = parameter.group(1).lower(), parameter.group(2)
            if value.startswith('"'):
                value = re.sub(r"\\(.)", r"\1", value[1:-1])
            if name == "q":  # the weight ends the media range's own parameters
                if not QVALUE.match(value):
                    valid = False
                weight = float(value) if valid else 0.0
                break
            parameters[name] = value.lower() if name == "charset" else value
        if valid:
            ranges.append((main_type, subtype, parameters, weight))
    return ranges


def weight_of(media_type, ranges):
    """``(q, specificity, -position)`` of the most specific range matching ``media_type``."""
    main_type, subtype = media_type.split("/")
    best = None
    for position, (range_type, range_subtype, parameters, weight) in enumerate(ranges):
        if range_type == "*":
            specificity = 0
        elif range_type != main_type:
            continue
        elif range_subtype == "*":
            specificity = 1
        elif range_subtype != subtype:
            continue
        elif parameters:
            if any(RESPONSE_PARAMETERS.get(name) != value for name, value in parameters.items()):
                continue
            specificity = 3
        else:
            specificity = 2
        if best is None or specificity > best[1]:
            best = (weight, specificity, -position)
    return best


def response_media_type(request):
    """The media type to answer with, or ``None`` when ``Accept`` allows neither."""
    return media_type_for_accept(request.META.get("HTTP_ACCEPT", ""))


@lru_cache(maxsize=128)
def media_type_for_accept(header):
    """``response_media_type`` for one ``Accept`` value: clients send the same few values,
    so each is negotiated once (the response cache's fast path keys hits on the result)."""
    if not header.strip():
        return JSON
    ranges = parse_accept(header)
    if not ranges:
        return JSON  # nothing parsed: as if there were no Accept at all
    candidates = []
    for preference, media_type in enumerate(RESPONSE_MEDIA_TYPES):
        weight = weight_of(media_type, ranges)
        if weight is not None and weight[0] > 0:
            # Higher q wins (each type weighted by its most specific range, RFC 9110
            # 12.5.1); then the range the client listed first; then the server's order.
            candidates.append(((weight[0], weight[2], -preference), media_type))
    if not candidates:
        return None
    return max(candidates)[1]


def json_parameter(value, name):
    """A GET parameter holding JSON, decoded; ``None`` when absent."""
    if value in (None, ""):
        return None
    try:
        return json.loads(value)
    except ValueError as error:
        raise GraphQLRequestError(f"{name} must be JSON-encoded.") from error


def without_session(request):
    """Anonymous requests without a session cookie never touch the session.

    Reading ``request.user`` loads the session, and a loaded session makes Django add
    ``Vary: Cookie``, which splits CDN caches per cookie for responses that are the same
    for every anonymous reader.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        request.user = AnonymousUser()


def with_media_type(request, response):
    """The response as the negotiated media type says, with ``Vary: Accept``; a HEAD
    request's without its body (every response of the view ends here)."""
    media_type = getattr(request, "graphql_media_type", None) or JSON
    if response.get("Content-Type", "").startswith(JSON):
        response["Content-Type"] = f"{media_type}; charset=utf-8"
    patch_vary_headers(response, ["Accept"])
    if request.method == "HEAD":
        response["Content-Length"] = str(len(response.content))
        response.content = b""
    return response


class GraphQLOverHTTPMixin:
    """Request parsing, parameter checks and content negotiation; see the module docstring."""

    def dispatch(self, request, *args, **kwargs):
        without_session(request)
        head = request.method == "HEAD"
        if head:  # a GET without the body (and never a mutation)
            request.method = "GET"
        if request.method not in ("GET", "POST"):
            error = GraphQLRequestError(
                f"GraphQL over HTTP uses GET or POST, not {request.method}.",
                allow=ALLOWED_METHODS,
            )
            response = error.response
            response["Content-Type"] = JSON
            response.content = json.dumps({"errors": [self.format_error(error)]})
        else:
            response = super().dispatch(request, *args, **kwargs)
        if head:
            request.method = "HEAD"
        return with_media_type(request, response)

    def parse_body(self, request):
        """The POST body as a dict; ``{}`` for GET, whose parameters are in the URL."""
        media_type = response_media_type(request)
        if media_type is None:
            raise GraphQLRequestError(
                f"Accept must allow {GRAPHQL_RESPONSE_JSON} or {JSON}.", status=406
            )
        request.graphql_media_type = media_type
        if request.method == "GET":
            return {}
        if request.content_type != JSON:
            raise GraphQLRequestError(f"POST a JSON body with Content-Type: {JSON}.", status=415)
        charset = request.content_params.get("charset", "utf-8").lower()
        if charset not in ("utf-8", "utf8"):
            raise GraphQLRequestError("The JSON body must be UTF-8.", status=415)
        try:
            body = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise GraphQLRequestError("The body is not valid JSON.") from error
        if not isinstance(body, dict):
            raise GraphQLRequestError("The body must be a JSON object.")
        return body

    def get_response(self, request, data, show_graphiql=False):
        result, status_code = super().get_response(request, data, show_graphiql)
        if status_code == 400 and request.graphql_media_type == JSON:
            # Legacy application/json: a well-formed request whose document did not parse,
            # validate or accept its variables is still a 200 (GraphQL-over-HTTP 6.4.1).
            status_code = 200
        return result, status_code

    def get_graphql_request(self, request, data):
        """``query``, ``variables``, ``operationName`` and ``extensions``, type-checked."""
        if request.method == "GET":
            params = request.GET
            variables = json_parameter(params.get("variables"), "variables")
            extensions = json_parameter(params.get("extensions"), "extensions")
        else:
            params = data
            variables, extensions = data.get("variables"), data.get("extensions")
        query, operation_name = params.get("query"), params.get("operationName")
        if query is not None and not isinstance(query, str):
            raise GraphQLRequestError("query must be a string.")
        if operation_name is not None and not isinstance(operation_name, str):
            raise GraphQLRequestError("operationName must be a string.")
        if variables is not None and not isinstance(variables, dict):
            raise GraphQLRequestError("variables must be an object.")
        if extensions is not None and not isinstance(extensions, dict):
            raise GraphQLRequestError("extensions must be an object.")
        return query or None, variables, operation_name or None, extensions or {}

    def get_graphql_params(self, request, data):
        query, variables, operation_name, _extensions = self.get_graphql_request(request, data)
        return query, variables, operation_name, None

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, *args, **kwargs
    ):
        if not query:
            raise GraphQLRequestError("Provide a query.")
        return super().execute_graphql_request(
            request, data, query, variables, operation_name, *args, **kwargs
        )
