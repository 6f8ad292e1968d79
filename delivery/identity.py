"""Identity fields are non-null: clients key their caches and links on them.

Grapple types a model's ``id`` as a nullable ``ID`` (and a page's ``url``), so typed
clients null-check every cache key. Every object type built from a Django model has a
primary key, so its ``id`` is ``ID!`` here; page interface fields (``id``, ``url``, ...) are
declared non-null in ``delivery.interfaces``. The one page without a primary key, the
preview of a page being created, gets the id ``unsaved:<slug>``.
"""

from graphql import GraphQLNonNull, GraphQLObjectType

from .schema_tools import types_implementing

ID_DESCRIPTION = "Stable id: use it as a cache key (with `__typename`)."


def is_model_type(graphql_type):
    graphene_type = getattr(graphql_type, "graphene_type", None)
    return getattr(getattr(graphene_type, "_meta", None), "model", None) is not None


UNSAVED_PAGE_ID = "unsaved:{slug}"


def page_id(page, info, **kwargs):
    """The page's id; a preview of a page never saved yet has none: ``unsaved:<slug>``."""
    return page.pk if page.pk is not None else UNSAVED_PAGE_ID.format(slug=page.slug)


def require_page_ids(graphql_schema, page_interface_name):
    for graphql_type in types_implementing(graphql_schema, page_interface_name):
        if isinstance(graphql_type, GraphQLObjectType) and "id" in graphql_type.fields:
            graphql_type.fields["id"].resolve = page_id


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
