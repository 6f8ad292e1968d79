"""The GraphQL schema: Grapple's queries, the project's queries, and safety overrides.

Mixins listed first win, so ``PublishedOnlyQuery`` replaces every stock Grapple resolver
that would return unpublished, private or expired data (or echo internal errors). Page
types are then stripped of the Wagtail model fields that describe drafts, locks and tree
internals, and root fields the product does not need are removed: apps get published
content only.

The schema is built once, when every app is ready (``DeliveryConfig.ready`` sets
``schema`` here, where ``GRAPHENE["SCHEMA"]`` points): importing this module builds
nothing, so what the schema holds never depends on which module happened to be imported
first.
"""

import copy
from functools import cache

import graphene
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q
from django.db.models.functions import Cast
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError, GraphQLNonNull, assert_valid_schema, get_named_type
from grapple.registry import registry
from grapple.settings import grapple_settings
from grapple.types.interfaces import get_page_interface, get_snippet_interface
from grapple.types.pages import get_site_filter
from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import (
    Page,
    ReferenceIndex,
    Site,
    TranslatableMixin,
    get_default_page_content_type,
)
from wagtail.search.index import class_is_indexed

from delivery.preview import get_preview_page
from delivery.rich_text import sanitise_rich_text_output
from delivery.scalars import explain_coercion_errors
from delivery.serialisation import use_fast_serialisation
from delivery.specific import specific_in_one_query
from delivery.visibility import (
    public_collections,
    public_documents,
    public_images,
    published,
    servable_pages,
)

from .descriptions import describe_schema
from .identity import require_model_ids, require_page_ids
from .interfaces import servable_list
from .listing import (
    COLLECTION_ORDERS,
    MEDIA_ORDERS,
    SITE_ORDERS,
    is_valid_id,
    resolve_list,
)
from .locales import LOCALE_ARGUMENT, requested_language
from .media import MEDIA_RESOLVERS, ImageFormat
from .paging import use_int_for_paging
from .schema_tools import types_implementing
from .search_backend import search_backend

# Wagtail Page model fields Grapple would expose on every page type. Each reveals draft
# state (draftTitle, hasUnpublishedChanges, latestRevisionCreatedAt), editorial state
# (locked, lockedAt, goLiveAt, expireAt, expired, live), or tree and translation internals
# that let a client walk to unpublished pages (path, numchild, aliasOf, aliases, ...).
# Besides these, every page type gets one field per page type (``page_type_links``).
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
    }
)

# Fields removed from other types:
# - ``rawValue`` on every block serialises Wagtail's internal format (rich text keeps
#   ``<a linktype="page" id="...">`` with the ids of draft pages) or fails with a Python
#   repr of the value;
# - a site's ``rootPage`` is served whatever its state, and its ``page(token:)``/``pages``
#   duplicate the root ``page``/``pages`` entry points;
# - collection tree internals, like the page ones above.
INTERNAL_FIELDS = {
    "StreamFieldInterface": {"rawValue"},
    "SiteObjectType": {"rootPage", "page", "pages"},
    "CollectionObjectType": {"path", "numchild"},
}

# Root fields the product does not serve: tags name images and documents in private
# collections, and articles are not tagged.
REMOVED_ROOT_FIELDS = frozenset({"tag", "tags"})

# Results per searched model in ``search``.
SEARCH_RESULTS_PER_MODEL = 20


def content_type_filter(content_type):
    """A ``Q`` for ``app_label.Model`` content types (comma-separated), or a clear error."""
    condition = Q()
    for name in content_type.split(","):
        app_label, dot, model = name.strip().lower().partition(".")
        if not (app_label and dot and model):
            raise GraphQLError(
                "contentType must be app_label.ModelName, e.g. articles.ArticlePage."
            )
        condition |= Q(content_type__app_label=app_label, content_type__model=model)
    return condition


def used_by_published_content(media):
    """The media in ``media`` that a servable page or a published snippet uses.

    Wagtail's reference index records what each page row and snippet row points at (rich
    text embeds, chooser blocks, foreign keys); a live page's row holds its published
    content, so drafts do not count. An upload alone publishes nothing.
    """
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(media.model)
    )
    sources = Q(
        base_content_type=get_default_page_content_type(),
        object_id__in=as_strings(servable_pages()),
    )
    for model in registry.snippets:
        sources |= Q(
            base_content_type=ContentType.objects.get_for_model(model),
            object_id__in=as_strings(published(model)),
        )
    # Filtered by primary key so that search (which only filters on indexed fields) works.
    used = references.filter(sources).annotate(media_pk=Cast("to_object_id", IntegerField()))
    return media.filter(pk__in=used.values("media_pk"))


def as_strings(queryset):
    """The primary keys of ``queryset`` as the strings the reference index stores."""
    return queryset.annotate(pk_string=Cast("pk", CharField())).values("pk_string")


def served_images():
    """What the root ``images``/``image`` fields list: public images published content uses."""
    return used_by_published_content(public_images())


def served_documents():
    return used_by_published_content(public_documents())


def searchable_models():
    """Page and snippet models of the API's apps that Wagtail search indexes."""
    page_models = [model for model in registry.pages if issubclass(model, Page)]
    snippet_models = list(registry.snippets)
    return [model for model in page_models + snippet_models if class_is_indexed(model)]


@cache
def search_result():
    """The types ``search`` can return: Grapple's union lists every registered model, most
    of which are never searched (sources, tombstones, disclaimers, base pages)."""

    class Search(graphene.Union):
        class Meta:
            description = (
                "A search hit: a published page or condition. Select `__typename` and use "
                "fragments (`... on ArticlePage { slug title }`)."
            )
            types = tuple(registry.models[model] for model in searchable_models())

    return Search


class PublishedOnlyQuery:
    """Resolvers replacing stock Grapple's, each limited to what readers may see."""

    snippets = graphene.List(
        graphene.NonNull(get_snippet_interface),
        required=True,
        description="Every published snippet (conditions, disclaimers, trusted sources).",
    )
    search = graphene.List(
        graphene.NonNull(lambda: search_result()),
        query=graphene.String(description="Words to search for, as a reader types them."),
        locale=graphene.Argument(
            graphene.String,
            description=LOCALE_ARGUMENT + " Words are matched as words of that language.",
        ),
        required=True,
        description=(
            f"Full-text search over live, public pages and published conditions of one "
            f"language (the default language unless `locale` is given): at most "
            f"{SEARCH_RESULTS_PER_MODEL} hits per type. Empty without a query."
        ),
    )

    def resolve_snippets(self, info, **kwargs):
        """Stock Grapple lists every snippet row, drafts included."""
        return [obj for model in registry.snippets for obj in published(model)]

    def resolve_search(self, info, query=None, locale=None, **kwargs):
        """Stock Grapple searches every model's rows: drafts, private pages, images too."""
        language = requested_language(locale)
        if not query:
            return []
        backend = search_backend(language)
        results = []
        for model in searchable_models():
            if issubclass(model, Page):
                # By primary key: search filters only on indexed fields.
                in_language = Page.objects.filter(locale__language_code=language).values("pk")
                pages = servable_pages(model.objects.filter(pk__in=in_language), searchable=True)
                hits = backend.search(query, pages)
                results += list(hits[:SEARCH_RESULTS_PER_MODEL])
            else:  # snippets index no `live` filter field: drop drafts after searching
                visible = published(model)
                if issubclass(model, TranslatableMixin):
                    visible = visible.filter(locale__language_code=language)
                visible = set(visible.values_list("pk", flat=True))
                hits = backend.search(query, model._default_manager.all())
                results += [hit for hit in hits if hit.pk in visible][:SEARCH_RESULTS_PER_MODEL]
        return results

    def resolve_redirects(self, info, **kwargs):
        """Stock Grapple serves redirects to drafts, with the draft's URL and fields."""
        redirects = Redirect.objects.select_related("redirect_page", "site").filter(
            Q(redirect_page__isnull=True) | Q(redirect_page__in=servable_pages())
        )
        served = []
        for redirect in redirects:
            if redirect.site is not None:
                served.append(redirect)
                continue
            for site in Site.objects.all():  # a site-less redirect applies to every site
                for_site = copy.copy(redirect)
                for_site.site = site
                served.append(for_site)
        return served

    def resolve_pages(self, info, **kwargs):
        pages = Page.objects.all()
        parent, ancestor = kwargs.pop("parent", None), kwargs.pop("ancestor", None)
        if parent or ancestor:
            anchor = (
                Page.objects.filter(pk=parent or ancestor).first()
                if is_valid_id(parent or ancestor)
                else None
            )
            if anchor is None:
                return Page.objects.none()
            pages = anchor.get_children() if parent else anchor.get_descendants()
        site = get_site_filter(info, **kwargs)
        kwargs.pop("site", None)
        if site is not None:
            pages = pages.in_site(site)
        elif kwargs.get("in_site"):
            return Page.objects.none()
        content_type = kwargs.pop("content_type", None)
        if content_type:
            pages = pages.filter(content_type_filter(content_type))
        kwargs.pop("in_site", None)
        return servable_list(pages, info, **kwargs)

    def resolve_page(self, info, **kwargs):
        if kwargs.get("token"):
            # Only through the signed, expiring check (delivery.preview); any other token: null.
            return get_preview_page(kwargs["token"])
        pages = servable_pages()
        site = get_site_filter(info, **kwargs)
        if site is not None:
            pages = pages.in_site(site)
        elif kwargs.get("in_site") or kwargs.get("site") is not None:
            return None
        if kwargs.get("content_type"):
            pages = pages.filter(content_type_filter(kwargs["content_type"]))
        if kwargs.get("id") is not None:
            if not is_valid_id(kwargs["id"]):
                return None
            pages = pages.filter(pk=kwargs["id"])
        elif kwargs.get("slug") is not None:
            pages = pages.filter(slug=kwargs["slug"])
        elif kwargs.get("url_path") is not None:
            url_path = kwargs["url_path"]
            url_path = url_path if url_path.endswith("/") else f"{url_path}/"
            if site is not None:
                pages = pages.filter(url_path=f"{site.root_page.url_path}{url_path.lstrip('/')}")
            else:
                pages = pages.filter(url_path__endswith=url_path)
        else:
            return None
        return specific_in_one_query(pages).order_by("path").first()

    def resolve_images(self, info, **kwargs):
        """Stock Grapple lists every upload, and misses restrictions inherited from a
        parent collection."""
        return resolve_list(served_images().prefetch_renditions(), info, MEDIA_ORDERS, **kwargs)

    def resolve_image(self, info, id=None, **kwargs):
        if id is None or not is_valid_id(id):
            return None
        return served_images().prefetch_renditions().filter(pk=id).first()

    def resolve_documents(self, info, **kwargs):
        return resolve_list(served_documents(), info, MEDIA_ORDERS, **kwargs)

    def resolve_document(self, info, id=None, **kwargs):
        if id is None or not is_valid_id(id):
            return None
        return served_documents().filter(pk=id).first()

    def resolve_collections(self, info, **kwargs):
        return resolve_list(public_collections(), info, COLLECTION_ORDERS, **kwargs)

    def resolve_sites(self, info, **kwargs):
        sites = Site.objects.all()
        if kwargs.get("is_default_site") is not None:
            sites = sites.filter(is_default_site=kwargs.pop("is_default_site"))
        return resolve_list(sites, info, SITE_ORDERS, **kwargs)

    def resolve_site(self, info, hostname=None, id=None, **kwargs):
        if id is not None:
            return Site.objects.filter(pk=id).first() if is_valid_id(id) else None
        if hostname:
            return get_site_filter(info, site=hostname)
        return None


def public_subcollections(collections):
    return collections.filter(pk__in=public_collections().values("pk"))


def servable_chosen_page(block, info, **kwargs):
    page = block.value
    page = servable_pages().filter(pk=page.pk).first() if page is not None else None
    return page.specific if page else None


def published_chosen_snippet(block, info, **kwargs):
    snippet = block.value
    if snippet is None or not published(type(snippet)).filter(pk=snippet.pk).exists():
        return None
    return snippet


def public_chosen_image(block, info, **kwargs):
    image = block.value
    return image if image is not None and public_images().filter(pk=image.pk).exists() else None


def public_chosen_document(block, info, **kwargs):
    document = block.value
    if document is None or not public_documents().filter(pk=document.pk).exists():
        return None
    return document


# Resolvers of Grapple's generic block and media types that point at other content: chooser
# blocks in any StreamField and the collection tree serve only what readers may see.
SAFE_RESOLVERS = {
    ("PageChooserBlock", "page"): servable_chosen_page,
    ("SnippetChooserBlock", "snippet"): published_chosen_snippet,
    ("ImageChooserBlock", "image"): public_chosen_image,
    ("ImageBlock", "image"): public_chosen_image,
    ("DocumentChooserBlock", "document"): public_chosen_document,
    ("CollectionObjectType", "descendants"): lambda collection, info: public_subcollections(
        collection.get_descendants()
    ),
    ("CollectionObjectType", "ancestors"): lambda collection, info: public_subcollections(
        collection.get_ancestors()
    ),
}


def replace_resolvers(graphql_schema):
    for (type_name, field_name), resolver in SAFE_RESOLVERS.items():
        graphql_type = graphql_schema.type_map.get(type_name)
        if graphql_type is not None and field_name in graphql_type.fields:
            graphql_type.fields[field_name].resolve = resolver
    for (type_name, field_name), resolver in MEDIA_RESOLVERS.items():
        graphql_type = graphql_schema.type_map.get(type_name)
        if graphql_type is not None and field_name in graphql_type.fields:
            graphql_type.fields[field_name].resolve = resolver
    type_image_formats(graphql_schema)


def type_image_formats(graphql_schema):
    """Rendition and srcSet formats as the ImageFormat enum, not free text."""
    image_type = graphql_schema.type_map.get("ImageObjectType")
    if image_type is None:
        return
    image_format = graphql_schema.type_map[ImageFormat._meta.name]
    for field_name in ("rendition", "srcSet"):
        argument = image_type.fields[field_name].args["format"]
        argument.type = image_format
        argument.description = "Output format; it must be in the allow-list."


def page_type_links():
    """The fields multi-table inheritance adds to pages, one per page type Grapple serves.

    Each page model's table links to its parent's, and Django gives the parent a reverse
    accessor named after the child (``page.articlepage``); graphene-django turns those into
    fields of every page type for each page model in Grapple's registry. They add nothing
    apps need (``PageInterface`` already resolves a page as its own type) and are derived
    here, so a new page type never exposes one.
    """
    page_models = [model for model in registry.pages if isinstance(model, type)]
    return {
        to_camel_case(parent_link.remote_field.get_accessor_name())
        for model in page_models
        if issubclass(model, Page)
        for parent_link in model._meta.parents.values()
        if parent_link is not None
    }


def hide_internal_page_fields(graphql_schema, page_interface_name):
    hidden = INTERNAL_PAGE_FIELDS | page_type_links()
    for page_type in types_implementing(graphql_schema, page_interface_name):
        for field_name in hidden & page_type.fields.keys():
            del page_type.fields[field_name]
        describe_page_urls(page_type)


def describe_page_urls(page_type):
    """``url`` is set on every served page (servable pages are all in a site); ``urlPath``
    is Wagtail's tree path, which frontends must not link to."""
    url = page_type.fields["url"]
    # On the interface too: a query may select ``url`` on both, and they must agree.
    if not isinstance(url.type, GraphQLNonNull):
        url.type = GraphQLNonNull(url.type)
    url.description = (
        "Where readers find the page: its path on the site (absolute when the CMS has "
        "several sites). Link to this."
    )
    page_type.fields[
        "urlPath"
    ].description = (
        "Internal: Wagtail's tree path, with the home page's slug (`/home/...`). Use `url`."
    )


def hide_internal_fields(graphql_schema):
    for type_name, field_names in INTERNAL_FIELDS.items():
        for named_type in types_implementing(graphql_schema, type_name):
            for field_name in field_names & named_type.fields.keys():
                del named_type.fields[field_name]
    root = graphql_schema.query_type
    for field_name in REMOVED_ROOT_FIELDS & root.fields.keys():
        del root.fields[field_name]


def hide_settings_types(graphql_schema):
    """Remove site settings types, and the fields that lead to them (graphene-django gives
    ``SiteObjectType`` one per site setting model), from the schema (see ``serves_settings``)."""
    names = {graphql_type._meta.name for graphql_type in registry.settings.values()}
    for named_type in list(graphql_schema.type_map.values()):
        fields = getattr(named_type, "fields", None)
        if named_type.name.startswith("__") or not isinstance(fields, dict):
            continue
        for field_name, field in list(fields.items()):
            if get_named_type(field.type).name in names:
                del fields[field_name]
    for name in names:
        graphql_schema.type_map.pop(name, None)


def served_model_types():
    """The GraphQL types of the registered models, less plain Django models that declare no
    ``graphql_fields``: Grapple registers every model of an API app, internal tables (an
    app's bookkeeping, such as a dependency index) included, as an ``id``-only type.

    Site settings are left out too (see ``serves_settings``)."""
    return [
        graphql_type
        for model, graphql_type in registry.models.items()
        if (model not in registry.django_models or hasattr(model, "graphql_fields"))
        and model not in registry.settings
    ]


def serves_settings(query_mixin):
    """Whether a query mixin is Grapple's ``setting``/``settings`` entry point.

    Those serve every site's settings rows to anyone, drafts of configuration included,
    with no check on what they point to (an image in a private collection, say). Content
    types serve what readers need from site settings in their own fields instead (an
    article's publisher is in its ``structuredData``).
    """
    return hasattr(query_mixin, "resolve_settings")


def create_schema():
    query_mixins = []
    for register in hooks.get_hooks("register_schema_query"):
        register(query_mixins)
    query_mixins = [
        mixin
        for mixin in query_mixins
        if mixin is not graphene.ObjectType and not serves_settings(mixin)
    ]
    query = type("Query", (PublishedOnlyQuery, *query_mixins, graphene.ObjectType), {})
    schema = graphene.Schema(
        query=query,
        types=[*served_model_types(), ImageFormat],
        auto_camelcase=True,
    )
    hide_internal_page_fields(schema.graphql_schema, get_page_interface()._meta.name)
    hide_internal_fields(schema.graphql_schema)
    hide_settings_types(schema.graphql_schema)
    replace_resolvers(schema.graphql_schema)
    use_int_for_paging(schema.graphql_schema)
    require_model_ids(schema.graphql_schema)
    require_page_ids(schema.graphql_schema, get_page_interface()._meta.name)
    describe_schema(schema.graphql_schema)
    # Before the sanitiser, which wraps whatever serialises rich text.
    use_fast_serialisation(schema.graphql_schema, grapple_settings.RICHTEXT_FORMAT)
    explain_coercion_errors(schema.graphql_schema)
    sanitise_rich_text_output(schema.graphql_schema)
    assert_valid_schema(schema.graphql_schema)
    return schema


def __getattr__(name):
    # ``schema`` is set by ``DeliveryConfig.ready()``; until then, say so rather than
    # letting graphene-django report a bare import failure.
    if name == "schema":
        raise AttributeError(
            "delivery.schema.schema is built when the apps are ready (DeliveryConfig.ready): "
            "call django.setup() first, with 'delivery' in INSTALLED_APPS after 'grapple'."
        )
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
