"""Grapple's page interface with traversals limited to live, public pages."""

from grapple.types.interfaces import PageInterface


class PublishedPageInterface(PageInterface):
    """Stock Grapple resolves ``parent`` without checking it is live or public."""

    class Meta:
        name = "PageInterface"

    def resolve_parent(self, info, **kwargs):
        parent = self.get_parent()
        if parent is None or parent.depth <= 1:
            return None
        parent = type(parent).objects.filter(pk=parent.pk).live().public().first()
        return parent.specific if parent else None
