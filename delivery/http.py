"""GraphQL over HTTP (https://graphql.github.io/graphql-over-http/) on graphene-django's view.

What graphene-django's ``GraphQLView`` leaves open, and how this mixin answers:

- Media types: a response is ``application/graphql-response+json`` when the ``Accept``
  header prefers it, ``application/json`` otherwise (also when ``Accept`` is missing or
  ``*/*``); an ``Accept`` that allows neither gets 406.
- Requests: GET with URL parameters (queries only: a mutation by GET is 405 with
  ``Allow: POST``), POST with an ``application/json`` body (any other Content-Type is 415).
  Other methods are 405 with ``Allow: GET, POST``.
- Parameters: ``query`` and ``operationName`` must be strings, ``variables`` and
  ``extensions`` JSON objects (by GET: JSON-encoded); anything else, malformed JSON, or no
  query at all is a 400 with a GraphQL-shaped ``errors`` body, never a 500.
- Status codes, for both media types: 400 when the operation did not run (syntax,
  validation or variable errors), 200 once it ran, even with field errors and partial
  ``data``. That is the spec's rule for ``application/graphql-response+json``; for legacy
  ``application/json`` the spec prefers 200 for every well-formed request, but
  graphene-django has always answered 400 and apps rely on it.
"""

import json

from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.cache import patch_vary_headers
from graphene_django.views import GraphQLView, HttpError

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
# On ties (``*/*``), legacy application/json first: what every existing client reads.
RESPONSE_MEDIA_TYPES = [JSON, GRAPHQL_RESPONSE_JSON]


class GraphQLRequestError(HttpError):
    """A request that cannot be executed: answered with ``status`` and a GraphQL error."""

    def __init__(self, message, status=400, code=None, allow=None):
        response = HttpResponseNotAllowed(allow) if allow else HttpResponse(status=status)
        super().__init__(response, message)
        self.code = code


def response_media_type(request):
    if not request.headers.get("Accept", "").strip():
        return JSON
    return request.get_preferred_type(RESPONSE_MEDIA_TYPES)


def json_parameter(value, name):
    """A GET parameter holding JSON, decoded; ``None`` when absent."""
    if value in (None, ""):
        return None
    try:
        return json.loads(value)
    except ValueError as error:
        raise GraphQLRequestError(f"{name} must be JSON-encoded.") from error


class GraphQLOverHTTPMixin:
    """Request parsing, parameter checks and content negotiation; see the module docstring."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        media_type = getattr(request, "graphql_media_type", None) or JSON
        if response.get("Content-Type", "").startswith(JSON):
            response["Content-Type"] = f"{media_type}; charset=utf-8"
        patch_vary_headers(response, ["Accept"])
        return response

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

    @staticmethod
    def format_error(error):
        if isinstance(error, GraphQLRequestError):
            formatted = {"message": error.message}
            if error.code:
                formatted["extensions"] = {"code": error.code}
            return formatted
        return GraphQLView.format_error(error)
