"""The dependency index: which live articles show which pages, snippets, images, documents.

An article's served content is its own fields plus what it points at: the pages its rich
text links to (a link's ``href`` is the target's URL, or none when the target is not
served), its disclaimer (or the default one when its own is not published), condition and
trusted sources, its hero image and images embedded in rich text, and linked documents.

``index_article`` records those when an article is published; unpublishing removes them.
When one of them changes in a way readers see (a linked page is published, unpublished,
moved or renamed; a snippet is published or unpublished; an image or document is replaced
or deleted), ``record_change`` asks the index which live articles show it and writes an
``ArticleChange`` for each. Three consumers read the same answer:

- ``articleChanges(since:)`` reports those articles with the change as their ``reason``;
- webhook events list them in ``affectedArticleIds`` (``webhooks.events``);
- the response cache is invalidated on every one of these signals (``delivery.invalidation``
  bumps one generation for all responses, a superset of the affected articles).

Every function here runs a fixed number of queries, whatever the number of articles.
"""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from delivery.batching import rich_text_references
from delivery.visibility import published_q

from .models import (
    ArticleChange,
    ArticleDependency,
    ArticlePage,
    Condition,
    DependencyKind,
    Disclaimer,
    TrustedSource,
)

Kind = DependencyKind

# Rich-text link types and embed types an article can show, as dependency kinds.
RICH_TEXT_KINDS = {"page": Kind.PAGE, "document": Kind.DOCUMENT, "image": Kind.IMAGE}

SNIPPET_KINDS = {
    Disclaimer: Kind.DISCLAIMER,
    Condition: Kind.CONDITION,
    TrustedSource: Kind.SOURCE,
}


def dependencies_of(article):
    """``(kind, id)`` of everything a live article serves besides its own fields."""
    found = {(Kind.DISCLAIMER, article.disclaimer_id), (Kind.CONDITION, article.condition_id)}
    served_disclaimer = article.published_disclaimer
    rich_text = [article.intro, article.body.raw_data]
    if served_disclaimer is not None:
        found.add((Kind.DISCLAIMER, served_disclaimer.pk))
        rich_text.append(served_disclaimer.body)
    if article.hero_image_id is not None:
        found.add((Kind.IMAGE, article.hero_image_id))
    found |= {(Kind.SOURCE, link.source_id) for link in article.source_links.all()}
    for kind, ref in rich_text_references(rich_text):
        if kind in RICH_TEXT_KINDS and str(ref).isdigit():
            found.add((RICH_TEXT_KINDS[kind], int(ref)))
    return {(kind, target) for kind, target in found if target is not None}


def index_article(article):
    """Replace the article's rows with what its live version shows; returns their number."""
    rows = [
        ArticleDependency(article_id=article.pk, kind=kind, target_id=target)
        for kind, target in sorted(dependencies_of(article))
    ]
    with transaction.atomic():
        ArticleDependency.objects.filter(article_id=article.pk).delete()
        ArticleDependency.objects.bulk_create(rows)
    return len(rows)


def forget_article(article):
    ArticleDependency.objects.filter(article_id=article.pk).delete()


def showing(kind, target_ids):
    """``(article id, target id)`` of the live articles showing any of these targets."""
    return set(
        ArticleDependency.objects.filter(kind=kind, target_id__in=target_ids).values_list(
            "article_id", "target_id"
        )
    )


def articles_showing(kind, target_ids):
    """Ids of the live articles showing any of these targets, sorted: the index's answer."""
    return sorted({article_id for article_id, _target in showing(kind, target_ids)})


def record_change(kind, target_ids):
    """Record that these targets changed for readers; returns the affected article ids."""
    pairs = showing(kind, list(target_ids))
    now = timezone.now()
    ArticleChange.objects.bulk_create(
        ArticleChange(article_id=article_id, kind=kind, target_id=target, changed_at=now)
        for article_id, target in sorted(pairs)
    )
    return sorted({article_id for article_id, _target in pairs})


# --- What each change touches ------------------------------------------------------------


def subtree_ids(page):
    """A page and its descendants: a move or rename changes all their URLs."""
    return Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True)


def disclaimer_targets(disclaimer):
    """The disclaimer, and when it is a language's default, every disclaimer readers of
    that language may not see (unpublished, expired, or in another language): articles
    citing one of those serve the default instead (``served_disclaimer``)."""
    targets = [disclaimer.pk]
    if disclaimer.is_default:
        language = disclaimer.locale_id
        unavailable = Q(locale_id=language) & ~published_q()
        foreign = ~Q(locale_id=language) & Q(articles__locale_id=language)
        withheld = Disclaimer.objects.filter(unavailable | foreign).distinct()
        targets += withheld.values_list("pk", flat=True)
    return targets


def snippet_targets(instance):
    """``(kind, target ids)`` for a published or unpublished snippet."""
    if isinstance(instance, Disclaimer):
        return Kind.DISCLAIMER, disclaimer_targets(instance)
    return SNIPPET_KINDS[type(instance)], [instance.pk]


def fall_back_to_default_disclaimer(disclaimer, article_ids):
    """Articles whose disclaimer was unpublished now show their language's default: index
    it for them (they are in the disclaimer's language)."""
    default = Disclaimer.default_pk(disclaimer.locale_id)
    if default is None or not article_ids:
        return
    ArticleDependency.objects.bulk_create(
        [
            ArticleDependency(article_id=pk, kind=Kind.DISCLAIMER, target_id=default)
            for pk in article_ids
        ],
        ignore_conflicts=True,
    )


# --- Signal handlers ---------------------------------------------------------------------


def page_went_live(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        index_article(instance)
    record_change(Kind.PAGE, [instance.pk])


def page_withdrawn(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        forget_article(instance)
    record_change(Kind.PAGE, [instance.pk])


def page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    if url_path_before != url_path_after:
        record_change(Kind.PAGE, subtree_ids(instance))


def page_renamed(sender, instance, **kwargs):
    """A live page's slug changed (sent on publish): its URL and its descendants' moved."""
    record_change(Kind.PAGE, subtree_ids(instance))


def snippet_published(sender, instance, **kwargs):
    kind, targets = snippet_targets(instance)
    record_change(kind, targets)


def snippet_unpublished(sender, instance, **kwargs):
    kind, targets = snippet_targets(instance)
    affected = record_change(kind, targets)
    if kind == Kind.DISCLAIMER:
        fall_back_to_default_disclaimer(instance, affected)


def snippet_saved(sender, instance, created, **kwargs):
    """Snippets without draft state are served as saved."""
    if not created:
        record_change(SNIPPET_KINDS[type(instance)], [instance.pk])


def media_saved(sender, instance, created, **kwargs):
    """An image or document edited or its file replaced: renditions and URLs change."""
    if not created:
        media_changed(sender, instance)


def media_changed(sender, instance, **kwargs):
    kind = Kind.IMAGE if sender is get_image_model() else Kind.DOCUMENT
    record_change(kind, [instance.pk])


DISPATCH_UID = "articles.dependencies"


def connect():
    uid = DISPATCH_UID
    page_published.connect(page_went_live, dispatch_uid=uid)
    page_unpublished.connect(page_withdrawn, dispatch_uid=uid)
    post_page_move.connect(page_moved, dispatch_uid=uid)
    page_slug_changed.connect(page_renamed, dispatch_uid=uid)
    for model in SNIPPET_KINDS:
        if issubclass(model, DraftStateMixin):
            published.connect(snippet_published, sender=model, dispatch_uid=uid)
            unpublished.connect(snippet_unpublished, sender=model, dispatch_uid=uid)
        else:
            post_save.connect(snippet_saved, sender=model, dispatch_uid=uid)
    for model in (get_image_model(), get_document_model()):
        post_save.connect(media_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(media_changed, sender=model, dispatch_uid=uid)
