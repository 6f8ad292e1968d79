"""Descriptions for app developers on the fields the project takes from Grapple.

The project's own types describe themselves where they are declared (``graphql_fields``
entries, a model's ``graphql_description``, a block's ``Meta.graphql_description``).
Grapple's interfaces and root fields have few descriptions, some written for Wagtail
developers ("Use the Django queryset order format"): here they are described for app
developers, on the interface and on every type implementing it. Custom scalars say where
their format is specified (``@specifiedBy``).
"""

from graphql import GraphQLInterfaceType, GraphQLObjectType, GraphQLScalarType
from grapple.registry import registry

from .schema_tools import types_implementing

LIST_ARGUMENTS = {
    "limit": "How many items to return: 1 to MAX_PAGE_SIZE (100); PAGE_SIZE (10) if omitted.",
    "offset": "How many items to skip first (0 or more).",
    "order": (
        "Comma-separated fields to order by, each optionally prefixed with `-` for "
        "descending: the README lists the fields each list accepts."
    ),
    "searchQuery": "Only items matching these words (Wagtail search).",
    "searchOperator": "How the words of `searchQuery` combine: `AND` or `OR`.",
    "id": "Only the item with this id.",
    "inMenu": "Only pages shown in menus (`true`) or only pages not shown (`false`).",
    "contentType": "Only pages of these types: `app_label.ModelName`, comma-separated.",
    "inSite": "Only pages of the site the request was sent to.",
    "site": "Only pages of the site with this hostname (optionally `hostname:port`).",
    "ancestor": "Only descendants of the page with this id.",
    "parent": "Only children of the page with this id.",
    "collection": "Only items in the collection with this id.",
    "page": "The 1-based page to return.",
    "perPage": "Items per page: 1 to MAX_PAGE_SIZE (100); PAGE_SIZE (10) if omitted.",
}

PAGE_FIELDS = {
    "id": "The page's id: stable, use it as a cache key.",
    "title": "The page title, as editors entered it.",
    "slug": "The last part of the page's path.",
    "contentType": "The page's model as `app_label.ModelName`, e.g. `articles.ArticlePage`.",
    "urlPath": "The page's path in the whole page tree, including the site root's slug.",
    "seoTitle": "The title for search engines and browser tabs (the title if none is set).",
    "searchDescription": "The description for search engines, if editors wrote one.",
    "showInMenus": "Whether editors want the page listed in site menus.",
    "firstPublishedAt": "When the page was first published (null only in a draft preview).",
    "lastPublishedAt": "When the live version was published: sync and cache on it.",
    "parent": "The parent page, if it is published and public.",
    "children": "The published, public child pages.",
    "siblings": "The published, public pages with the same parent, this page excepted.",
    "nextSiblings": "The published, public siblings after this page in the tree order.",
    "previousSiblings": "The published, public siblings before this page in the tree order.",
    "descendants": "Every published, public page below this one.",
    "ancestors": "Every published, public page above this one, the site root first.",
    "searchScore": "The search relevance score, in search results only.",
}

BLOCK_FIELDS = {
    "id": "The block's id: stable across edits, use it as a key when rendering lists.",
    "blockType": "The block's Wagtail class name, e.g. `SectionBlock`.",
    "field": "The block's name in its parent block or stream, e.g. `section`.",
    "blocks": "The child blocks; prefer the block's typed fields.",
}

SNIPPET_FIELDS = {
    "snippetType": "The snippet's model as `app_label.ModelName`.",
    "contentType": "The snippet's model as `app_label.ModelName`, as on pages.",
}

INTERFACE_FIELDS = {
    "PageInterface": PAGE_FIELDS,
    "StreamFieldInterface": BLOCK_FIELDS,
    "SnippetInterface": SNIPPET_FIELDS,
}

INTERFACE_DESCRIPTIONS = {
    "StreamFieldInterface": "A StreamField block: select `__typename` for its type.",
    "SnippetInterface": "A reusable piece of content (condition, disclaimer, trusted source).",
}

ROOT_FIELDS = {
    "page": (
        "One published page by `id`, `slug` or `urlPath` (with `site`/`inSite` to pick a "
        "site), or a draft by preview `token`. Null if there is none readers may see."
    ),
    "pages": "Published, public pages, filtered and ordered by the arguments.",
    "images": "Images in public collections.",
    "image": "One image in a public collection, by id.",
    "imageType": "The GraphQL type name of images (`ImageObjectType`).",
    "documents": "Documents in public collections.",
    "document": "One document in a public collection, by id.",
    "documentType": "The GraphQL type name of documents (`DocumentObjectType`).",
    "collections": "Public collections (no view restriction on them or an ancestor).",
    "sites": "The sites this CMS serves.",
    "site": "One site, by hostname or id.",
    "redirects": "Redirects editors configured, to published pages or external URLs.",
}

ROOT_ARGUMENTS = {
    "token": "A preview token from the admin's Preview: returns that draft, or null.",
    "urlPath": "The page's site-relative path, e.g. `/health-articles/`.",
    "slug": "The page's slug.",
    "hostname": "The site's hostname (optionally `hostname:port`).",
    "isDefaultSite": "Only the default site (`true`) or only the others (`false`).",
}

# Where each custom scalar's format is specified, for @specifiedBy.
SCALAR_SPECIFICATIONS = {
    "DateTime": (
        "https://datatracker.ietf.org/doc/html/rfc3339#section-5.6",
        "A date and time with a UTC offset (RFC 3339), e.g. `2026-11-27T09:00:00+00:00`.",
    ),
    "Date": (
        "https://datatracker.ietf.org/doc/html/rfc3339#section-5.6",
        "A calendar date, RFC 3339 `full-date`, e.g. `2026-11-27`.",
    ),
    "RichText": (
        "https://html.spec.whatwg.org/multipage/parsing.html#parsing-html-fragments",
        "An HTML fragment (paragraphs, lists, bold, italic, links) to render as HTML. "
        "Links to pages point at the frontend.",
    ),
    "UUID": (
        "https://datatracker.ietf.org/doc/html/rfc9562",
        "A UUID in its 36-character text form.",
    ),
    "JSONString": (
        "https://datatracker.ietf.org/doc/html/rfc8259",
        "A JSON document serialised as a string.",
    ),
}


def describe_missing(mapping, fields, arguments=None):
    for name, field in fields.items():
        if name in mapping and not field.description:
            field.description = mapping[name]
        for argument_name, argument in field.args.items():
            if argument.description and argument_name not in (arguments or {}):
                continue
            text = (arguments or {}).get(argument_name) or LIST_ARGUMENTS.get(argument_name)
            if text:
                argument.description = text


def describe_model_types(graphql_schema):
    """A model's ``graphql_description`` describes its type (as a block's Meta does)."""
    for model, graphene_type in registry.models.items():
        description = getattr(model, "graphql_description", None)
        graphql_type = graphql_schema.type_map.get(graphene_type._meta.name)
        if description and graphql_type is not None:
            graphql_type.description = description


def describe_schema(graphql_schema):
    """Describe Grapple's interfaces, their implementations, root fields and scalars."""
    describe_model_types(graphql_schema)
    for interface_name, mapping in INTERFACE_FIELDS.items():
        for graphql_type in types_implementing(graphql_schema, interface_name):
            describe_missing(mapping, graphql_type.fields)
        interface = graphql_schema.type_map.get(interface_name)
        if isinstance(interface, GraphQLInterfaceType) and not interface.description:
            interface.description = INTERFACE_DESCRIPTIONS.get(interface_name)
    for graphql_type in graphql_schema.type_map.values():
        if isinstance(graphql_type, (GraphQLObjectType, GraphQLInterfaceType)):
            describe_missing({}, graphql_type.fields)  # list arguments everywhere
    root = graphql_schema.query_type
    root.description = root.description or "What apps and static builds can read."
    describe_missing(ROOT_FIELDS, root.fields, ROOT_ARGUMENTS)
    for name, (url, description) in SCALAR_SPECIFICATIONS.items():
        scalar = graphql_schema.type_map.get(name)
        if isinstance(scalar, GraphQLScalarType):
            scalar.specified_by_url = url
            scalar.description = description
