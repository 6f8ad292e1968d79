"""Safe arguments for Grapple's list fields (``limit``, ``offset``, ``order``, ``id``, ...).

Stock Grapple passes ``order`` straight to ``QuerySet.order_by``: any model field can be
used, including draft fields (``draft_title``, ``latest_revision_created_at``) whose order
reveals unpublished data, and a bad value answers with Django's error listing every field
of the model. Here each list accepts only the orders it documents.
"""

from grapple.utils import resolve_queryset
from wagtail.search.index import class_is_indexed

from .error_codes import BAD_USER_INPUT, coded_error

PAGE_ORDERS = ("id", "title", "slug", "first_published_at", "last_published_at")
MEDIA_ORDERS = ("id", "title", "created_at")
COLLECTION_ORDERS = ("id", "name")
SITE_ORDERS = ("id", "hostname", "site_name")


def checked_order(order, allowed):
    """``order`` if every comma-separated term is an allowed field (optionally ``-``)."""
    if order is None:
        return None
    terms = [term.strip() for term in order.split(",")]
    for term in terms:
        if term.removeprefix("-") not in allowed:
            shown = term if len(term) <= 40 else f"{term[:40]}..."
            raise coded_error(
                f"Unknown order {shown!r}: order by {', '.join(allowed)} "
                "(comma-separated; prefix a field with '-' for descending).",
                BAD_USER_INPUT,
            )
    return ",".join(terms)


def is_valid_id(value):
    return str(value).isdigit()


def resolve_list(queryset, info, allowed_orders, **kwargs):
    """Grapple's ``resolve_queryset`` with the arguments checked first."""
    kwargs["order"] = checked_order(kwargs.get("order"), allowed_orders)
    if kwargs.get("id") is not None and not is_valid_id(kwargs["id"]):
        return queryset.none()
    if kwargs.get("search_query") and not class_is_indexed(queryset.model):
        raise coded_error("searchQuery is not supported on this list.", BAD_USER_INPUT)
    return resolve_queryset(queryset, info, **kwargs)
