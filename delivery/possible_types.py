"""``possibleTypes`` for Apollo Client's ``InMemoryCache``, generated from the schema.

Apollo matches fragments on unions and interfaces (``... on ArticlePage``) only when it
knows which object types each abstract type can be. The map is committed as
``possibleTypes.json`` beside ``schema.graphql``, written by ``manage.py graphql_schema``
and checked against the running schema by the test suite.
"""

import json

from graphql import GraphQLInterfaceType, GraphQLUnionType

FILE_NAME = "possibleTypes.json"


def possible_types(graphql_schema):
    """``{abstract type: [object type names]}``, sorted, introspection types left out."""
    found = {}
    for name, graphql_type in graphql_schema.type_map.items():
        if name.startswith("__"):
            continue
        if isinstance(graphql_type, (GraphQLInterfaceType, GraphQLUnionType)):
            members = graphql_schema.get_possible_types(graphql_type)
            found[name] = sorted(member.name for member in members)
    return dict(sorted(found.items()))


def possible_types_json(graphql_schema):
    return json.dumps(possible_types(graphql_schema), indent=2) + "\n"
