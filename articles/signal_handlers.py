"""Tombstones for incremental builds: record every way a live article leaves its address."""

from django.db.models.signals import pre_delete
from wagtail.models import Page, Site
from wagtail.signals import page_slug_changed, page_unpublished, post_page_move

from .models import ArticlePage, ArticleTombstone


def site_path(url_path):
    """The path readers see for a Wagtail ``url_path`` (``/home/a/b/`` → ``/a/b/``)."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return url_path


def bury(article, reason, url_path=None):
    """Record a tombstone, unless readers never saw the article (it was private)."""
    if article.get_view_restrictions().exists():
        return
    url_path = url_path or article.url_path
    ArticleTombstone.objects.create(
        page_id=article.pk,
        slug=article.slug,
        url_path=site_path(url_path),
        reason=reason,
        locale=article.locale.language_code,
    )


def record_unpublish(sender, instance, **kwargs):
    # Wagtail unpublishes every live page it deletes: one DELETED tombstone is enough.
    deleted = ArticleTombstone.objects.filter(
        page_id=instance.pk, reason=ArticleTombstone.Reason.DELETED
    )
    if not deleted.exists():
        bury(instance, ArticleTombstone.Reason.UNPUBLISHED)


def record_delete(sender, instance, **kwargs):
    """A live article being deleted. (An unpublished one already has its tombstone, and a
    never-published draft must not reveal its slug.)

    Wagtail's own ``pre_delete`` handler unpublishes the page too, before or after this one
    depending on what is deleted; an UNPUBLISHED tombstone written for this deletion (after
    the page's last publication, while it is still live in the database) is replaced.
    """
    if not instance.live:
        return
    if instance.last_published_at is not None:
        ArticleTombstone.objects.filter(
            page_id=instance.pk,
            reason=ArticleTombstone.Reason.UNPUBLISHED,
            removed_at__gte=instance.last_published_at,
        ).delete()
    bury(instance, ArticleTombstone.Reason.DELETED)


def record_moves(page, url_path_before, url_path_after):
    """Tombstone the old path of every live article at or under a page whose path changed."""
    if url_path_before == url_path_after:
        return
    moved = (
        ArticlePage.objects.live()
        .public()
        .filter(path__startswith=page.path)
        .select_related("locale")
        .only("pk", "slug", "url_path", "live", "locale__language_code")
    )
    for article in moved:
        old_url_path = url_path_before + article.url_path[len(url_path_after) :]
        bury(article, ArticleTombstone.Reason.MOVED, url_path=old_url_path)


def record_move(sender, instance, url_path_before, url_path_after, **kwargs):
    record_moves(instance, url_path_before, url_path_after)


def record_slug_change(sender, instance, instance_before, **kwargs):
    # Sent on commit, after descendants' url_paths were updated.
    page = Page.objects.get(pk=instance.pk)
    record_moves(page, instance_before.url_path, page.url_path)


def connect():
    page_unpublished.connect(record_unpublish, sender=ArticlePage)
    pre_delete.connect(record_delete, sender=ArticlePage)
    # Any page: moving or renaming the article index moves every article under it.
    post_page_move.connect(record_move)
    page_slug_changed.connect(record_slug_change)
