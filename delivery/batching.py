"""Pages prepared for delivery in batches, so SQL per request does not grow with content.

A GraphQL response may hold one page or a hundred, each with relations and rich-text
fields whose internal page links must be expanded. Fetched one by one, that is a few
queries per page and two per rich-text field. Here every page a resolver returns is
prepared as a batch instead:

- content apps fetch what their pages need for the whole batch: each page model may define
  the ``prepare_for_delivery(pages)`` classmethod (see ``DeliveryPreparable``);
- the pages every rich-text field links to are collected from the raw rich text, and the
  first link expanded in the request's ``delivery_scope`` fetches them all in one query
  (``fetch_link_targets``), so link handlers find them there;
- the sites' root paths and the view restrictions (private sections) are read once per
  request instead of once per page or queryset.

``PrepareForDeliveryMiddleware`` does this for whatever a GraphQL field resolves to, so
Grapple's ``page``/``pages`` and the content apps' entry points all benefit. The scope is
opened around each GraphQL request by the view (``DeliveryScopeMixin``); outside a scope
(templates, the admin) nothing is cached and link expansion queries as usual.

This module knows no content app: they plug in through the protocol below.
"""

from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

from django.db.models import QuerySet
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

from .visibility import restrictions_read_once, servable_pages

PREPARED = "_prepared_for_delivery"


class DeliveryPreparable(Protocol):
    """What a page model may define to be prepared for delivery in batches."""

    @classmethod
    def prepare_for_delivery(cls, pages: list[Page]) -> Iterable[object] | None:
        """Fetch, in a constant number of queries, what serving these pages (all of this
        class) needs. Return any other objects whose rich text the response serves (e.g. a
        disclaimer snippet), so their page links are fetched with the pages' own."""


class DeliveryScope:
    """What one request has already fetched: link targets and the sites' root paths."""

    def __init__(self):
        self.link_targets = {}
        self.expected_link_targets = set()
        self._site_root_paths = None
        self.computed = {}

    @property
    def site_root_paths(self):
        if self._site_root_paths is None:
            self._site_root_paths = Site.get_site_root_paths()
        return self._site_root_paths


_current_scope = ContextVar("delivery_scope", default=None)


@contextmanager
def delivery_scope():
    """Share fetched link targets and site root paths for the duration of one request."""
    token = _current_scope.set(DeliveryScope())
    try:
        with restrictions_read_once():
            yield
    finally:
        _current_scope.reset(token)


def fetch_link_targets(ids):
    """Live, public pages by id (as strings); ``None`` for ids that are not served.

    Within a scope, the first call also fetches every link target the scope expects
    (``prepare_for_delivery``), so all the rich text of a response costs one query.
    """
    ids = {str(page_id) for page_id in ids}
    scope = _current_scope.get()
    known = scope.link_targets if scope else {}
    missing = ids - known.keys()
    if scope and missing:
        missing |= scope.expected_link_targets - known.keys()
        scope.expected_link_targets = set()
    missing = [page_id for page_id in missing if page_id.isdigit()]
    fetched = {}
    if missing:
        pages = servable_pages(Page.objects.filter(id__in=missing)).defer_streamfields()
        fetched = {page_id: None for page_id in missing}
        fetched.update((str(page.id), page) for page in pages)
        if scope:
            for page in fetched.values():
                use_site_root_paths(page, scope)
            scope.link_targets.update(fetched)
    return {page_id: known.get(page_id, fetched.get(page_id)) for page_id in ids}


def once_per_request(key, compute):
    """``compute()``, called at most once per request for each ``key`` (e.g. site-wide
    settings every served page shows); outside a scope, called each time."""
    scope = _current_scope.get()
    if scope is None:
        return compute()
    if key not in scope.computed:
        scope.computed[key] = compute()
    return scope.computed[key]


def use_site_root_paths(page, scope):
    # Page._get_site_root_paths() caches the sites' root paths on the page itself; give
    # every page the request's copy so each one does not read them from the cache again.
    if page is not None:
        page._wagtail_cached_site_root_paths = scope.site_root_paths


def rich_text_references(value):
    """``(type, id)`` of what raw rich text anywhere in a string or a stream's raw data
    refers to: ``("page", id)`` and ``("document", id)`` links, ``("image", id)`` embeds."""
    if isinstance(value, str):
        if "linktype=" not in value and "embedtype=" not in value:
            return set()
        tags = [extract_attrs(attrs) for attrs in FIND_A_TAG.findall(value)]
        links = {(tag.get("linktype"), tag.get("id")) for tag in tags}
        embeds = (extract_attrs(attrs) for attrs in FIND_EMBED_TAG.findall(value))
        links |= {(embed.get("embedtype"), embed.get("id")) for embed in embeds}
        return {(kind, ref) for kind, ref in links if kind and ref}
    if isinstance(value, Mapping):
        value = value.values()
    elif not isinstance(value, list | tuple):
        return set()
    return set().union(*(rich_text_references(item) for item in value))


def page_link_ids(value):
    """Ids of the pages linked from rich text anywhere in a string or stream's raw data."""
    if isinstance(value, str) and 'linktype="page"' not in value:
        return set()
    return {ref for kind, ref in rich_text_references(value) if kind == "page"}


def rich_text_values(obj):
    """The loaded rich-text and stream field values of a model instance."""
    for field in obj._meta.concrete_fields:
        if field.attname not in obj.__dict__:  # deferred: not served, do not load it
            continue
        if isinstance(field, RichTextField):
            yield getattr(obj, field.attname)
        elif isinstance(field, StreamField):
            yield getattr(obj, field.attname).raw_data


def exclude_from_delivery_batching(page):
    """Leave a page as it is: a preview's draft keeps its in-memory (unsaved) relations,
    which prefetching from the database would replace with the live ones."""
    setattr(page, PREPARED, True)
    return page


def prepare_for_delivery(pages):
    """Fetch, in a constant number of queries, what serving these pages will need."""
    pages = [page for page in pages if not getattr(page, PREPARED, False)]
    if not pages:
        return
    related = []
    for model, batch in pages_by_model(pages).items():
        prepare = getattr(model, "prepare_for_delivery", None)
        if prepare is not None:
            related += [obj for obj in prepare(batch) or () if obj is not None]
    for page in pages:
        setattr(page, PREPARED, True)
    scope = _current_scope.get()
    if scope is None:
        return
    with_rich_text = [*pages, *{id(obj): obj for obj in related}.values()]
    link_ids = set().union(
        *(page_link_ids(value) for obj in with_rich_text for value in rich_text_values(obj))
    )
    scope.expected_link_targets |= link_ids
    for page in pages:
        use_site_root_paths(page, scope)


def pages_by_model(pages):
    batches = {}
    for page in pages:
        batches.setdefault(type(page), []).append(page)
    return batches


class PrepareForDeliveryMiddleware:
    """Graphene middleware: prepares the pages any field resolves to, as one batch."""

    def resolve(self, next, root, info, **kwargs):
        result = next(root, info, **kwargs)
        if isinstance(result, Page):
            prepare_for_delivery([result])
        elif isinstance(result, QuerySet) and issubclass(result.model, Page):
            result = list(result)
            prepare_for_delivery(result)
        elif isinstance(result, list) and result and isinstance(result[0], Page):
            prepare_for_delivery(result)
        return result


class DeliveryScopeMixin:
    """Runs each GraphQL request in its own delivery scope.

    Pages fetched for one request (rich-text link targets, the sites' root paths) are shared
    by every field of that request and forgotten at its end, so a later request never sees
    a page that has since been unpublished.
    """

    def execute_graphql_request(self, *args, **kwargs):
        with delivery_scope():
            return super().execute_graphql_request(*args, **kwargs)
