"""Identity fields are non-null: clients key their caches and links on them.

Grapple types a model's ``id`` as a nullable ``ID`` (and a page's ``url``), so typed
clients null-check every cache key. Every object type built from a Django model has a
primary key, so its ``id`` is ``ID!`` here; page interface fields are declared non-null in
``delivery.interfaces``; ``ArticlePage.url`` in the article's ``graphql_fields``.
"""

from graphql import GraphQLNonNull, GraphQLObjectType

ID_DESCRIPTION = "Stable id: use it as a cache key (with `__typename`)."


def is_model_type(graphql_type):
    graphene_type = getattr(graphql_type, "graphene_type", None)
    return getattr(getattr(graphene_type, "_meta", None), "model", None) is not None


def require_model_ids(graphql_schema):
    for graphql_type in graphql_schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or not is_model_type(graphql_type):
            continue
        field = graphql_type.fields.get("id")
        if field is None:
            continue
        if not isinstance(field.type, GraphQLNonNull):
            field.type = GraphQLNonNull(field.type)
        field.description = field.description or ID_DESCRIPTION
