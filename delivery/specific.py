"""Specific pages in one query, with the relations their type declares joined.

Wagtail's ``PageQuerySet.specific()`` fetches the base ``Page`` rows first, then each page
type's rows in a second query, and a page type's foreign keys cost one more query each when
prefetched later. Here the base query joins every page type's table instead (one ``LEFT
OUTER JOIN`` per concrete page model, a handful in this project), together with the
relations a page model lists in ``delivery_select_related``, and each row is handed out
as its specific instance. So Grapple's ``page``/``pages`` cost what the article entry
points cost.

A page whose type is not joined (a model added without this module knowing it) still comes
out specific, at the price of Wagtail's own extra query.
"""

from functools import cache

from django.db.models.query import ModelIterable
from wagtail.models import Page, get_page_models


@cache
def accessor_for(model):
    """The reverse accessor from ``Page`` to a directly derived page model, else ``None``."""
    if model is Page or Page not in model._meta.parents:
        return None
    return model._meta.get_ancestor_link(Page).remote_field.get_accessor_name()


@cache
def specific_joins():
    """``select_related`` paths: each page type's table and its declared relations."""
    joins = []
    for model in get_page_models():
        accessor = accessor_for(model)
        if accessor is not None:
            joins.append(accessor)
            joins += [
                f"{accessor}__{name}" for name in getattr(model, "delivery_select_related", ())
            ]
    return tuple(joins)


def joined_specific(page):
    """The specific instance the join already loaded, or Wagtail's (one more query)."""
    model = page.specific_class
    if model is None or model is Page:
        return page
    accessor = accessor_for(model)
    if accessor is not None and Page._meta.get_field(accessor).is_cached(page):
        specific = getattr(page, accessor)
        if specific is not None:
            return specific
    return page.specific


class JoinedSpecificIterable(ModelIterable):
    def __iter__(self):
        for page in super().__iter__():
            yield joined_specific(page)


def specific_in_one_query(pages):
    """``pages`` (a ``Page`` queryset) yielding specific pages, fetched in one query."""
    queryset = pages.select_related(*specific_joins())
    queryset._iterable_class = JoinedSpecificIterable
    return queryset
