"""Errors apps see: clear messages for bad requests, nothing internal for failures.

A resolver that fails with anything but a ``GraphQLError`` (a database error, a bug, a
Django ``FieldError`` listing a model's fields) would otherwise send its message, which
can name model fields, SQL or Python values. Those are logged and replaced with a fixed
message; errors raised on purpose (``GraphQLError``) and validation errors are kept.
"""

import logging

from graphql import GraphQLError

logger = logging.getLogger("delivery")

UNEXPECTED_ERROR = "Unexpected error while resolving this field."


def is_unexpected(error):
    if isinstance(error, GraphQLError):
        original = error.original_error
        if original is not None and not isinstance(original, GraphQLError):
            return True
        # A value the schema cannot serialise: the message would include a Python repr.
        return bool(error.path) and " cannot represent " in error.message
    return False


class SafeErrorsMixin:
    """Replaces unexpected errors' messages in GraphQL responses (and logs them)."""

    def format_error(self, error):
        from graphene_django.views import HttpError

        if isinstance(error, HttpError):
            return super().format_error(error)
        if is_unexpected(error):
            logger.error(
                "GraphQL field %s failed",
                ".".join(str(key) for key in error.path or ()),
                exc_info=error.original_error or error,
            )
            formatted = error.formatted
            formatted["message"] = UNEXPECTED_ERROR
            return formatted
        if not isinstance(error, GraphQLError):
            logger.error("GraphQL request failed", exc_info=error)
            return {"message": UNEXPECTED_ERROR}
        return super().format_error(error)
