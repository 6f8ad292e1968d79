"""Small helpers for the passes that shape the built schema."""

from graphql import GraphQLObjectType


def types_implementing(graphql_schema, interface_name):
    """The interface itself and every object type implementing it."""
    return [
        named_type
        for named_type in graphql_schema.type_map.values()
        if named_type.name == interface_name
        or isinstance(named_type, GraphQLObjectType)
        and any(i.name == interface_name for i in named_type.interfaces)
    ]
