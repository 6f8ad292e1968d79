"""Which content changes become webhook events, and what each event says.

Every event body has ``id`` (also in the ``X-CMS-Webhook-Id`` header, the same on every
retry), ``type``, ``timestamp`` and ``affectedArticleIds``: live articles whose served
content changed, from the dependency index (``articles.dependencies``) that also feeds
``articleChanges``, so the two never disagree, and ``locale``: the content language code of
the article or snippet (a per-language build acts on its own language's events). Article
events add ``pageId``, ``slug``, ``urlPath``, ``site`` (hostname) and ``revisionId``;
``article.moved`` adds ``previousUrlPath`` and ``previousSite``; snippet events add
``snippet``.
"""

import copy

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.models import Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from articles.dependencies import articles_showing, snippet_targets
from articles.models import ArticlePage, Condition, DependencyKind, Disclaimer

from .dispatch import send_event


def location(page, url_path=None):
    """(site hostname, path on that site such as ``/health-articles/slug/``) of a page.

    The path is the API's ``url`` field; ``url_path`` gives the location before a move.
    """
    if url_path is not None:
        page = copy.copy(page)
        page.url_path = url_path
    parts = page.get_url_parts()
    if parts is None:
        return None, None
    site_id, _root_url, path = parts
    return Site.objects.filter(pk=site_id).values_list("hostname", flat=True).first(), path


def article_data(page, revision_id=None):
    site, path = location(page)
    return {
        "pageId": page.pk,
        "locale": page.locale.language_code,
        "slug": page.slug,
        "urlPath": path,
        "site": site,
        "revisionId": revision_id,
        # The article, and the live articles linking to it (their link changed).
        "affectedArticleIds": sorted({page.pk, *articles_showing(DependencyKind.PAGE, [page.pk])}),
    }


@receiver(page_published, sender=ArticlePage)
def article_published(sender, instance, revision=None, **kwargs):
    send_event("article.published", article_data(instance, revision.pk if revision else None))


@receiver(page_unpublished, sender=ArticlePage)
def article_unpublished(sender, instance, **kwargs):
    send_event("article.unpublished", article_data(instance))


@receiver(post_page_move, sender=ArticlePage)
def article_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    """Only a move that changes a live article's URL concerns frontends (not reordering)."""
    if not instance.live or url_path_before == url_path_after:
        return
    data = article_data(instance, instance.live_revision_id)
    data["previousSite"], data["previousUrlPath"] = location(instance, url_path_before)
    send_event("article.moved", data)


@receiver(pre_delete, sender=ArticlePage)
def article_deleted(sender, instance, **kwargs):
    """Deleting a draft that was never live concerns no frontend."""
    if instance.live:
        send_event("article.deleted", article_data(instance, instance.live_revision_id))


def snippet_data(instance, revision_id):
    kind, targets = snippet_targets(instance)
    return {
        "snippet": {"type": type(instance).__name__, "id": instance.pk},
        "locale": instance.locale.language_code,
        "revisionId": revision_id,
        "affectedArticleIds": articles_showing(kind, targets),
    }


def send_snippet_event(kind, instance, revision):
    """``<kind>.published`` (with the published revision) or ``<kind>.unpublished``."""
    action = "published" if revision is not None else "unpublished"
    revision_id = revision.pk if revision is not None else None
    send_event(f"{kind}.{action}", snippet_data(instance, revision_id))


@receiver(published, sender=Disclaimer)
@receiver(unpublished, sender=Disclaimer)
def disclaimer_changed(sender, instance, revision=None, **kwargs):
    send_snippet_event("disclaimer", instance, revision)


@receiver(published, sender=Condition)
@receiver(unpublished, sender=Condition)
def condition_changed(sender, instance, revision=None, **kwargs):
    send_snippet_event("condition", instance, revision)
