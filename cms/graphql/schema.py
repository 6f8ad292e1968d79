"""The GraphQL schema: Grapple's queries, the project's queries, and safety overrides.

Mixins listed first win, so ``PublishedOnlyQuery`` replaces stock Grapple resolvers that
would return unpublished data. Page types are then stripped of the Wagtail model fields
that describe drafts, locks and tree internals: apps get published content only.
"""

import graphene
from django.apps import apps
from graphql import GraphQLInterfaceType, GraphQLObjectType, assert_valid_schema
from grapple.registry import registry
from grapple.types.interfaces import get_snippet_interface
from grapple.types.pages import get_site_filter, get_specific_page
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page
from wagtail.search.backends import get_search_backend

from cms.preview import get_preview_page

# Wagtail Page model fields Grapple would expose on every page type. Each reveals draft
# state (draftTitle, hasUnpublishedChanges, latestRevisionCreatedAt), editorial state
# (locked, lockedAt, goLiveAt, expireAt, expired, live), or tree and translation internals
# that let a client walk to unpublished pages (path, numchild, aliasOf, aliases, ...).
INTERNAL_PAGE_FIELDS = frozenset(
    {
        "path",
        "numchild",
        "translationKey",
        "live",
        "hasUnpublishedChanges",
        "goLiveAt",
        "expireAt",
        "expired",
        "locked",
        "lockedAt",
        "draftTitle",
        "latestRevisionCreatedAt",
        "aliasOf",
        "aliases",
        "sitesRootedHere",
        "homepage",
        "articleindexpage",
        "articlepage",
    }
)


def published(model):
    """All objects of a model that readers may see: live public pages, published snippets."""
    objects = model._default_manager.all()
    if issubclass(model, Page):
        objects = objects.live().public()
    elif issubclass(model, DraftStateMixin):
        objects = objects.filter(live=True)
    return objects


class PublishedOnlyQuery:
    snippets = graphene.List(graphene.NonNull(get_snippet_interface), required=True)

    def resolve_snippets(self, info, **kwargs):
        """Stock Grapple lists every snippet row, drafts included."""
        return [obj for model in registry.snippets for obj in published(model)]

    def resolve_search(self, info, query=None, **kwargs):
        """Stock Grapple searches every row of every model, draft pages included."""
        if not query:
            return None
        models = [get_document_model(), get_image_model()]
        for app_label in registry.apps:
            models += apps.get_app_config(app_label).get_models()
        backend = get_search_backend()
        return [
            result
            for model in models
            if hasattr(model, "search_fields")
            for result in backend.search(query, published(model))
        ]

    def resolve_page(self, info, token=None, **kwargs):
        """A preview token resolves only through the signed, expiring check, else null."""
        if token:
            return get_preview_page(token)
        return get_specific_page(
            id=kwargs.get("id"),
            slug=kwargs.get("slug"),
            url_path=kwargs.get("url_path"),
            content_type=kwargs.get("content_type"),
            site=get_site_filter(info, **kwargs),
        )


def hide_internal_page_fields(graphql_schema, page_interface_name):
    page_types = [
        named_type
        for named_type in graphql_schema.type_map.values()
        if isinstance(named_type, GraphQLInterfaceType)
        and named_type.name == page_interface_name
        or isinstance(named_type, GraphQLObjectType)
        and any(i.name == page_interface_name for i in named_type.interfaces)
    ]
    for page_type in page_types:
        for field_name in INTERNAL_PAGE_FIELDS & page_type.fields.keys():
            del page_type.fields[field_name]


def create_schema():
    query_mixins = []
    for register in hooks.get_hooks("register_schema_query"):
        register(query_mixins)
    query_mixins = [mixin for mixin in query_mixins if mixin is not graphene.ObjectType]
    query = type("Query", (PublishedOnlyQuery, *query_mixins, graphene.ObjectType), {})
    schema = graphene.Schema(
        query=query,
        types=list(registry.models.values()),
        auto_camelcase=True,
    )
    from grapple.types.interfaces import get_page_interface

    hide_internal_page_fields(schema.graphql_schema, get_page_interface()._meta.name)
    assert_valid_schema(schema.graphql_schema)
    return schema


schema = create_schema()
