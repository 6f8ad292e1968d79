"""The stable set of ``extensions.code`` values the API puts on its errors.

Apps branch on these codes, never on message text, so a code, once released, keeps its
name and meaning. Every error the API returns carries exactly one of them; the README's
"Error codes" table lists them with what a client should do. Add new codes here (and to
that table); never spell a code as a string literal elsewhere.
"""

from graphql import GraphQLError

# The request itself (HTTP level).
BAD_REQUEST = "BAD_REQUEST"  # no query, malformed JSON or parameters
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE"  # the body, before it is parsed
RATE_LIMITED = "RATE_LIMITED"

# The GraphQL document and its variables.
GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_USER_INPUT = "BAD_USER_INPUT"  # an argument or variable value the API refuses

# Limits, one code each (README "Security" gives every number and its reason).
QUERY_TOO_LARGE = "QUERY_TOO_LARGE"
QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
TOO_MANY_SELECTIONS = "TOO_MANY_SELECTIONS"
TOO_MANY_REPEATED_FIELDS = "TOO_MANY_REPEATED_FIELDS"
TOO_MANY_OPERATIONS = "TOO_MANY_OPERATIONS"
VARIABLES_TOO_LARGE = "VARIABLES_TOO_LARGE"
ARGUMENT_TOO_LONG = "ARGUMENT_TOO_LONG"  # a string argument or variable
TOO_MANY_LIST_ITEMS = "TOO_MANY_LIST_ITEMS"  # a list argument or variable
TOO_MANY_SEARCH_TERMS = "TOO_MANY_SEARCH_TERMS"

# Automatic persisted queries (Apollo's protocol names the first two).
PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
PERSISTED_QUERY_HASH_INVALID = "PERSISTED_QUERY_HASH_INVALID"
PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"

# Content queries.
SYNC_SINCE_TOO_OLD = "SYNC_SINCE_TOO_OLD"

# Anything unexpected: logged server-side, answered with a fixed message.
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


def coded_error(message, code, **extensions):
    """A ``GraphQLError`` for apps: a message written for the app developer, and its code."""
    return GraphQLError(message, extensions={"code": code, **extensions})
