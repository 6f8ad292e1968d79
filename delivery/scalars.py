"""Input coercion for the schema's custom scalars, with messages written for app developers.

graphene's scalars coerce variables with Python built-ins (``json.loads``, ``UUID()``,
``fromisoformat``) and graphql-core appends the exception's text to its message, so a bad
``DateTime`` answered with Python's own wording. Here every custom scalar's
``parse_value`` says what the scalar accepts instead. (The spec's scalars, ``Int`` among
them, already explain themselves; paging arguments are ``Int``s, see ``delivery.paging``.)
"""

from graphql import GraphQLError, GraphQLScalarType, specified_scalar_types

ACCEPTS = {
    "DateTime": "an ISO 8601 date and time string",
    "Date": "an ISO 8601 date string (YYYY-MM-DD)",
    "UUID": "a UUID string",
    "JSONString": "a string of JSON",
}


def expected(type_name):
    accepts = ACCEPTS.get(type_name, "a valid value")
    return GraphQLError(f"{type_name} must be {accepts}.")


def explained(scalar):
    """The scalar's ``parse_value``, raising a clear GraphQLError for any bad value."""
    parse_value = scalar.parse_value

    def parse_value_explained(value):
        try:
            return parse_value(value)
        except GraphQLError:
            raise
        except Exception as error:  # TypeError, ValueError, OverflowError, ...
            raise expected(scalar.name) from error

    return parse_value_explained


def explain_coercion_errors(graphql_schema):
    """Give every custom scalar of the schema a coercion with developer-facing errors."""
    for named_type in graphql_schema.type_map.values():
        if not isinstance(named_type, GraphQLScalarType):
            continue
        if named_type.name in specified_scalar_types:  # graphql-core's own say it well
            continue
        named_type.parse_value = explained(named_type)
