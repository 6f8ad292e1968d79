"""What readers may see: the one definition every delivery path filters through.

A page is servable when it is live, public (no password, login or group restriction on it
or an ancestor), not past its expiry time, and under a site's root page (a page outside
every site has no URL readers could reach it at, so every served page has a ``url``).
Wagtail unpublishes expired pages and snippets only when ``publish_scheduled`` runs, so
expiry is also checked at read time: between the expiry time and the next cron run the
content is already withheld.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import F, Q
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    DraftStateMixin,
    Page,
    PageViewRestriction,
    Site,
)

# Paths of the pages with view restrictions, read once per request inside a scope.
_restricted_paths = ContextVar("restricted_page_paths", default=None)


@contextmanager
def restrictions_read_once():
    """Within the block, page view restrictions are read from the database only once."""
    token = _restricted_paths.set([])
    try:
        yield
    finally:
        _restricted_paths.reset(token)


def restricted_page_paths():
    cached = _restricted_paths.get()
    if cached:
        return cached[0]
    paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    if cached is not None:
        cached.append(paths)
    return paths


def private_q():
    """Pages at or below a restricted page: what Wagtail's ``PageQuerySet.public()`` drops,
    with the restrictions read once per scope and no condition at all when there are none.
    """
    private = Q()
    for path in restricted_page_paths():
        private |= Q(path__startswith=path)
    return private


def expired_q(relation=""):
    now = timezone.now()
    return Q(**{f"{relation}expire_at__isnull": False, f"{relation}expire_at__lte": now})


def published_q(relation=""):
    """``is_published`` as a query condition: live and not expired. With ``relation``
    (``"disclaimer__"``), the condition is on that related object instead."""
    return Q(**{f"{relation}live": True}) & ~expired_q(relation)


def in_a_site_q():
    """Pages at or below a site's root page (from Wagtail's cached site root paths)."""
    in_a_site = Q(pk__in=[])
    for site_root in Site.get_site_root_paths():
        in_a_site |= Q(url_path__startswith=site_root.root_path)
    return in_a_site


def foreign_aliases():
    """Aliases in another language than their original (wagtail-localize's locale
    synchronisation creates them): they would serve the original's text, never reviewed
    in that language, as a translation. (A subquery on the indexed ``alias_of``: it reads
    the aliases only.)"""
    aliases = Page.objects.filter(alias_of__isnull=False)
    return aliases.exclude(alias_of__locale=F("locale")).values("pk")


def servable_pages(queryset=None, *, searchable=False):
    """Live, public, unexpired pages in a site (the tree root is never content), never an
    alias standing in for a translation.

    ``searchable``: for a queryset Wagtail search will filter, which only filters on
    indexed fields (``expire_at`` and ``url_path`` are not): expired pages and pages
    outside every site are then excluded by primary key, through subqueries. Otherwise the
    same conditions apply to each row directly: the subqueries scan every page of the
    tree on each query (about 7 ms per article lookup at 10,000 articles on SQLite).
    """
    queryset = Page.objects.all() if queryset is None else queryset
    private = private_q()
    if private:
        queryset = queryset.exclude(private)
    queryset = queryset.live().filter(depth__gt=1).exclude(pk__in=foreign_aliases())
    if searchable:
        expired = Page.objects.filter(expired_q()).values("pk")
        outside_sites = Page.objects.exclude(in_a_site_q()).values("pk")
        return queryset.exclude(pk__in=expired).exclude(pk__in=outside_sites)
    return queryset.exclude(expired_q()).filter(in_a_site_q())


def is_published(obj):
    """Whether a snippet (or page) instance is a published, unexpired version."""
    if not isinstance(obj, DraftStateMixin):
        return True
    expire_at = obj.expire_at
    return obj.live and not (expire_at is not None and expire_at <= timezone.now())


def published(model):
    """All objects of a snippet model that readers may see."""
    objects = model._default_manager.all()
    if issubclass(model, DraftStateMixin):
        objects = objects.filter(published_q())
    return objects


def public_collections():
    """Collections with no view restriction on them or on any ancestor.

    Wagtail applies a collection's view restriction to its descendants too; stock Grapple
    only checks the collection's own restrictions.
    """
    restricted_paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    private = Q()
    for path in restricted_paths:
        private |= Q(path__startswith=path)
    collections = Collection.objects.all()
    return collections.exclude(private) if private else collections


def public_images():
    """Images readers may see: those in public collections."""
    return get_image_model().objects.filter(collection__in=public_collections())


def public_documents():
    return get_document_model().objects.filter(collection__in=public_collections())


def next_expiry():
    """When the next live page or published snippet expires (``None`` if none will).

    Expired content is withheld at read time, before ``publish_scheduled`` unpublishes it,
    so nothing computed before that moment may be served after it.
    """
    from django.apps import apps
    from django.db.models import Min

    now = timezone.now()
    # Page covers every page type; the other models with draft state are snippets.
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and (model is Page or not issubclass(model, Page))
    ]
    upcoming = [
        model._default_manager.filter(live=True, expire_at__gt=now).aggregate(
            next=Min("expire_at")
        )["next"]
        for model in models
    ]
    return min((moment for moment in upcoming if moment is not None), default=None)
