"""``articleChanges``: what a static build must add, update and delete since its last sync.

A build keeps the ``nextSince`` of its previous sync and asks for the changes since then:

- ``changed``: live, public articles published (or republished, or gone live on schedule)
  at or after ``since``, those whose address changed since then (moved or renamed), and
  those whose served content changed through something they show (``articles.dependencies``:
  a linked page, a snippet, an image or a document), with everything needed to render
  them, and for each the ``reasons`` it is reported;
- ``removed``: tombstones of articles unpublished, deleted or moved away from a path at or
  after ``since``.

Both are of one language (``locale``, the default language when omitted): a build per
language syncs on its own.

Apply ``removed`` first, then ``changed``: an article unpublished and republished within
the window appears in both and ends up present. ``since`` is inclusive. ``nextSince`` is the
server's clock when the answer was computed minus ``SYNC_OVERLAP_SECONDS``, so a publication
committed while the sync ran is seen by the next one; clients must treat the overlap as
idempotent (write a page only when its content differs).

Tombstones are kept ``SYNC_TOMBSTONE_RETENTION_DAYS`` (``prune_article_tombstones``); a
``since`` older than that is refused with ``SYNC_SINCE_TOO_OLD``: the client must rebuild.
"""

import datetime

import graphene
from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone
from grapple.registry import registry
from grapple.types.structures import PaginationType

from delivery.error_codes import BAD_USER_INPUT, SYNC_SINCE_TOO_OLD, coded_error
from delivery.locales import requested_language

from .models import ArticleChange, ArticleTombstone, DependencyKind
from .queries import (
    PaginatedArticles,
    locale_argument,
    page_window,
    paginate,
    published_articles_in,
)


def tombstone_type():
    return registry.django_models[ArticleTombstone]


class PaginatedTombstones(graphene.ObjectType):
    """One page of removed articles, with the counts to page through them all."""

    items = graphene.List(
        graphene.NonNull(tombstone_type), required=True, description="The removals, by time."
    )
    pagination = graphene.Field(
        PaginationType, required=True, description="Totals and the next and previous pages."
    )


class ArticleChangeKind(graphene.Enum):
    """Why an article is in ``changed``: its own change, or a change to something it shows."""

    PUBLISHED = "published"
    MOVED = "moved"
    PAGE = DependencyKind.PAGE.value
    DISCLAIMER = DependencyKind.DISCLAIMER.value
    CONDITION = DependencyKind.CONDITION.value
    SOURCE = DependencyKind.SOURCE.value
    IMAGE = DependencyKind.IMAGE.value
    DOCUMENT = DependencyKind.DOCUMENT.value

    @property
    def description(self):
        return REASON_DESCRIPTIONS[self.name]


REASON_DESCRIPTIONS = {
    "PUBLISHED": "The article was published, republished or went live on schedule.",
    "MOVED": "The article's URL changed (its slug or an ancestor's, or a move).",
    "PAGE": "A page it links to was published, unpublished, moved or renamed.",
    "DISCLAIMER": "The disclaimer it shows was published or unpublished.",
    "CONDITION": "Its condition was published or unpublished.",
    "SOURCE": "A trusted source it cites was published or unpublished.",
    "IMAGE": "An image it shows was edited, replaced or deleted.",
    "DOCUMENT": "A document it links to was edited, replaced or deleted.",
}


class ArticleChangeReason(graphene.ObjectType):
    """One reason an article is in ``changed``; an article may have several."""

    article_id = graphene.ID(required=True, description="The article's id, as in `items`.")
    kind = graphene.Field(
        ArticleChangeKind, required=True, description="What changed: see `ArticleChangeKind`."
    )
    id = graphene.ID(
        description="The id of the page, snippet, image or document that changed; null "
        "for PUBLISHED and MOVED."
    )
    at = graphene.DateTime(required=True, description="When it changed (the latest time).")


class ChangedArticles(PaginatedArticles):
    """Articles published, republished or affected by a change since `since`, with why."""

    reasons = graphene.List(
        graphene.NonNull(ArticleChangeReason),
        required=True,
        description="Why each article of `items` is reported, by article id then time; "
        "empty for a full snapshot (no `since`).",
    )

    def __init__(self, since=None, **kwargs):
        super().__init__(**kwargs)
        self.since = since

    def resolve_reasons(self, info):
        """Read only when asked for: two queries for the page's articles."""
        if self.since is None or not self.items:
            return []
        return reasons_for(self.items, self.since)


class ArticleChanges(graphene.ObjectType):
    """What changed since a time: apply `removed`, then `changed`; store `nextSince`."""

    since = graphene.DateTime(description="The `since` asked for; null for a full snapshot.")
    server_time = graphene.DateTime(
        required=True, description="The server's clock before anything was read."
    )
    next_since = graphene.DateTime(
        required=True,
        description="Pass as `since` next time: `serverTime` minus a safety overlap.",
    )
    changed = graphene.Field(
        graphene.NonNull(ChangedArticles),
        description="Live articles whose served content changed since `since` (see `reasons`), "
        "by id.",
    )
    removed = graphene.Field(
        graphene.NonNull(PaginatedTombstones),
        description="Articles unpublished, deleted or moved away since `since`, by time.",
    )


def tombstone_horizon():
    """Tombstones older than this may have been pruned: a sync from before it is unsafe."""
    return timezone.now() - datetime.timedelta(days=settings.SYNC_TOMBSTONE_RETENTION_DAYS)


def paginate_tombstones(queryset, page, per_page):
    articles = paginate(queryset, page, per_page)
    return PaginatedTombstones(items=articles.items, pagination=articles.pagination)


def changed_through_dependencies(since):
    return ArticleChange.objects.filter(changed_at__gte=since)


def reasons_for(articles, since):
    """Why each of these articles changed at or after ``since``: two queries."""
    ids = [article.pk for article in articles]
    reasons = [
        ArticleChangeReason(
            article_id=article.pk,
            kind=ArticleChangeKind.PUBLISHED.value,
            at=article.last_published_at,
        )
        for article in articles
        if article.last_published_at and article.last_published_at >= since
    ]
    moves = (
        ArticleTombstone.objects.filter(
            page_id__in=ids, reason=ArticleTombstone.Reason.MOVED, removed_at__gte=since
        )
        .values("page_id")
        .annotate(at=Max("removed_at"))
    )
    reasons += [
        ArticleChangeReason(
            article_id=row["page_id"], kind=ArticleChangeKind.MOVED.value, at=row["at"]
        )
        for row in moves
    ]
    dependencies = (
        changed_through_dependencies(since)
        .filter(article_id__in=ids)
        .values("article_id", "kind", "target_id")
        .annotate(at=Max("changed_at"))
    )
    reasons += [
        ArticleChangeReason(
            article_id=change["article_id"],
            kind=change["kind"],
            id=change["target_id"],
            at=change["at"],
        )
        for change in dependencies
    ]
    return sorted(reasons, key=lambda r: (int(r.article_id), r.at, r.kind, r.id or 0))


def paginate_changed(queryset, page, per_page, since):
    articles = paginate(queryset, page, per_page)
    return ChangedArticles(items=articles.items, pagination=articles.pagination, since=since)


def changes_since(since, page, per_page, locale=None):
    server_time = timezone.now()
    overlap = datetime.timedelta(seconds=settings.SYNC_OVERLAP_SECONDS)
    language = requested_language(locale)
    articles = published_articles_in(language)
    tombstones = ArticleTombstone.objects.none()
    if since is not None:
        tombstones = ArticleTombstone.objects.filter(removed_at__gte=since, locale=language)
        articles = articles.filter(
            Q(last_published_at__gte=since)
            | Q(pk__in=tombstones.values("page_id"))
            | Q(pk__in=changed_through_dependencies(since).values("article_id"))
        )
    return ArticleChanges(
        since=since,
        server_time=server_time,
        next_since=server_time - overlap,
        # By id: an article republished while a build pages through keeps its place.
        changed=paginate_changed(articles.order_by("pk"), page, per_page, since),
        removed=paginate_tombstones(tombstones.order_by("removed_at", "pk"), page, per_page),
    )


class SyncQuery:
    article_changes = graphene.Field(
        graphene.NonNull(ArticleChanges),
        since=graphene.Argument(
            graphene.DateTime,
            description=(
                "ISO 8601 with a UTC offset, inclusive: usually the previous `nextSince`. "
                "Omit for a full snapshot (every live article, no tombstones)."
            ),
        ),
        page=graphene.Argument(
            graphene.Int, default_value=1, description="1-based page, for both lists."
        ),
        per_page=graphene.Argument(
            graphene.Int,
            description="Items per page in each list: defaults to PAGE_SIZE, at most "
            "MAX_PAGE_SIZE.",
        ),
        locale=locale_argument(),
        description="Articles of one language (the default language unless `locale` is "
        "given) changed and removed since a time, for incremental builds: one sync per "
        "language.",
    )

    def resolve_article_changes(self, info, since=None, page=1, per_page=None, locale=None):
        page, per_page = page_window(page, per_page)
        if since is not None and timezone.is_naive(since):
            raise coded_error(
                "since needs a UTC offset, e.g. 2026-01-31T09:00:00+00:00.", BAD_USER_INPUT
            )
        if since is not None and since < tombstone_horizon():
            raise coded_error(
                f"since is older than the {settings.SYNC_TOMBSTONE_RETENTION_DAYS} days "
                "removals are kept: run a full build (omit since).",
                SYNC_SINCE_TOO_OLD,
            )
        return changes_since(since, page, per_page, locale)
