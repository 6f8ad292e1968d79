"""Grapple's page interface with every traversal limited to servable pages.

Stock Grapple resolves ``parent`` without checking it is live or public, lets ``order``
reach ``QuerySet.order_by`` unchecked, and serves pages past their expiry time until the
``publish_scheduled`` cron unpublishes them.
"""

import graphene
from grapple.types.interfaces import PageInterface

from delivery.specific import specific_in_one_query
from delivery.visibility import servable_pages

from .listing import PAGE_ORDERS, resolve_list


def servable_list(pages, info, **kwargs):
    """Servable pages as a Grapple list (``searchQuery`` searches them)."""
    servable = servable_pages(pages, searchable=bool(kwargs.get("search_query")))
    return resolve_list(specific_in_one_query(servable), info, PAGE_ORDERS, **kwargs)


class PublishedPageInterface(PageInterface):
    """Fields every page type has. Identity fields are non-null (``delivery.identity``)."""

    class Meta:
        name = "PageInterface"
        description = (
            "A published page of any type: select `__typename` (or use fragments) for its "
            "type-specific fields."
        )

    id = graphene.ID(
        required=True,
        description=(
            "The page's id: stable, use it as a cache key. A preview of a page not saved "
            "yet has `unsaved:<slug>`."
        ),
    )
    page_type = graphene.String(
        required=True, description="The page's GraphQL type name, e.g. `ArticlePage`."
    )
    depth = graphene.Int(
        required=True, description="Depth in the page tree: 2 is a site's home page."
    )
    url = graphene.String(
        required=True,
        description=(
            "The page's address: site-relative for the request's site, a full URL for "
            "another site's page (its tree path if it belongs to no site)."
        ),
    )

    def resolve_url(self, info, **kwargs):
        # Non-null on every page type alike: a type-specific `url: String!` beside the
        # interface's `String` would make `url ... on ArticlePage { url }` invalid.
        return self.url or self.url_path

    def resolve_parent(self, info, **kwargs):
        parent = self.get_parent()
        if parent is None:
            return None
        parent = servable_pages().filter(pk=parent.pk).first()
        return parent.specific if parent else None

    def resolve_children(self, info, **kwargs):
        return servable_list(self.get_children(), info, **kwargs)

    def resolve_siblings(self, info, **kwargs):
        return servable_list(self.get_siblings().exclude(pk=self.pk), info, **kwargs)

    def resolve_next_siblings(self, info, **kwargs):
        return servable_list(self.get_next_siblings(), info, **kwargs)

    def resolve_previous_siblings(self, info, **kwargs):
        return servable_list(self.get_prev_siblings(), info, **kwargs)

    def resolve_descendants(self, info, **kwargs):
        return servable_list(self.get_descendants(), info, **kwargs)

    def resolve_ancestors(self, info, **kwargs):
        return servable_list(self.get_ancestors(), info, **kwargs)
