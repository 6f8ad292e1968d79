"""Input coercion for the schema's custom scalars, with messages written for app developers.

graphene's scalars coerce variables with Python built-ins (``int()``, ``json.loads``,
``UUID()``) and graphql-core appends the exception's text to its message: a dict for a
``PositiveInt`` answered "int() argument must be a string, a bytes-like object or a real
number, not 'dict'", and ``"1e400"`` answered "cannot convert float infinity to integer".
Here every custom scalar's ``parse_value`` says what the scalar accepts instead, and
``PositiveInt`` accepts what the GraphQL spec's ``Int`` accepts (an integer, or a float
with no fractional part), in its range: strings such as ``"100"`` are refused.
"""

from graphql import GraphQLError, GraphQLScalarType, specified_scalar_types

MAX_INT = 2**31 - 1
POSITIVE_INT = "PositiveInt"

ACCEPTS = {
    POSITIVE_INT: f"an integer from 0 to {MAX_INT}",
    "DateTime": "an ISO 8601 date and time string",
    "Date": "an ISO 8601 date string (YYYY-MM-DD)",
    "UUID": "a UUID string",
    "JSONString": "a string of JSON",
}


def expected(type_name):
    accepts = ACCEPTS.get(type_name, "a valid value")
    return GraphQLError(f"{type_name} must be {accepts}.")


def parse_positive_int(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_INT:
        raise expected(POSITIVE_INT)
    return value


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
        if named_type.name == POSITIVE_INT:
            named_type.parse_value = parse_positive_int
        else:
            named_type.parse_value = explained(named_type)
