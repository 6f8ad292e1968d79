"""Errors apps see: every one with a code from ``delivery.error_codes``, nothing internal.

Each error is classified once, here:

- request errors (``GraphQLRequestError``, graphene's ``HttpError``): the code they carry,
  or the one for their HTTP status (405, 406, 415, ...);
- errors before execution: a syntax error is ``GRAPHQL_PARSE_FAILED``; an error from a
  document that does not validate is ``GRAPHQL_VALIDATION_FAILED`` (limits carry their own
  code); an error from a valid document that did not run is a variable the API could not
  coerce, ``BAD_USER_INPUT``;
- field errors raised on purpose (``GraphQLError``) keep their code, ``BAD_USER_INPUT``
  when they have none: they answer an argument the resolver refused;
- anything else (a database error, a bug, a Django ``FieldError`` listing a model's fields,
  a value the schema cannot serialise) would send a message naming model fields, SQL or
  Python values: it is logged and answered ``INTERNAL_SERVER_ERROR`` with a fixed message
  (a 500 when it escaped the whole request).
"""

import logging

from django.http import JsonResponse
from graphene_django.settings import graphene_settings
from graphene_django.views import HttpError
from graphql import GraphQLError, GraphQLSyntaxError

from . import error_codes
from .caching import parsed_query
from .http import CODE_FOR_STATUS, JSON

logger = logging.getLogger("delivery")

UNEXPECTED_ERROR = "Unexpected error while resolving this field."
UNEXPECTED_REQUEST_ERROR = "Unexpected error while running this request."


def is_unexpected(error):
    if isinstance(error, GraphQLError):
        original = error.original_error
        if original is not None and not isinstance(original, GraphQLError):
            return True
        # A value the schema cannot serialise: the message would include a Python repr;
        # a null where the schema promises a value: a bug, not the app's doing.
        return bool(error.path) and (
            " cannot represent " in error.message
            or error.message.startswith("Cannot return null for non-nullable field")
        )
    return False


def code_of(error):
    extensions = getattr(error, "extensions", None) or {}
    return extensions.get("code")


def with_code(formatted, code):
    formatted["extensions"] = {**(formatted.get("extensions") or {}), "code": code}
    return formatted


class SafeErrorsMixin:
    """Gives every error in a response its code, and hides unexpected errors' messages."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Exception:  # a bug below the view: still a GraphQL-shaped, coded answer
            logger.exception("GraphQL request failed")
            media_type = getattr(request, "graphql_media_type", None) or JSON
            body = {
                "errors": [
                    {
                        "message": UNEXPECTED_REQUEST_ERROR,
                        "extensions": {"code": error_codes.INTERNAL_SERVER_ERROR},
                    }
                ]
            }
            return JsonResponse(body, status=500, content_type=f"{media_type}; charset=utf-8")

    def execute_graphql_request(self, request, data, query, *args, **kwargs):
        result = super().execute_graphql_request(request, data, query, *args, **kwargs)
        if result is not None and result.errors:
            for error in result.errors:
                if isinstance(error, GraphQLError) and not error.path and not code_of(error):
                    code = self.code_before_execution(query, error)
                    error.extensions = {**(error.extensions or {}), "code": code}
        return result

    def code_before_execution(self, query, error):
        """Parse, validation or variable errors: the phase that refused the operation."""
        if isinstance(error, GraphQLSyntaxError):
            return error_codes.GRAPHQL_PARSE_FAILED
        parsed = parsed_query(query) if isinstance(query, str) else None
        if parsed is None:
            return error_codes.GRAPHQL_PARSE_FAILED
        if parsed.validate(
            self.schema.graphql_schema,
            self.validation_rules,
            graphene_settings.MAX_VALIDATION_ERRORS,
        ):
            return error_codes.GRAPHQL_VALIDATION_FAILED
        return error_codes.BAD_USER_INPUT

    def format_error(self, error):
        if isinstance(error, HttpError):
            code = getattr(error, "code", None) or CODE_FOR_STATUS.get(
                error.response.status_code, error_codes.BAD_REQUEST
            )
            return {"message": error.message, "extensions": {"code": code}}
        if is_unexpected(error):
            logger.error(
                "GraphQL field %s failed",
                ".".join(str(key) for key in error.path or ()),
                exc_info=error.original_error or error,
            )
            formatted = error.formatted
            formatted["message"] = UNEXPECTED_ERROR
            return with_code(formatted, error_codes.INTERNAL_SERVER_ERROR)
        if not isinstance(error, GraphQLError):
            logger.error("GraphQL request failed", exc_info=error)
            return {
                "message": UNEXPECTED_REQUEST_ERROR,
                "extensions": {"code": error_codes.INTERNAL_SERVER_ERROR},
            }
        formatted = error.formatted
        return with_code(formatted, code_of(error) or error_codes.BAD_USER_INPUT)
