"""Which content changes make cached GraphQL responses stale.

Anything a response may show: pages (publish, unpublish, edits to live pages, moves,
deletes, privacy), sites (URLs), every snippet model the schema serves (whatever app
defines it), every site and generic setting (content types may show them, as an article's
structured data shows its site's publisher), and the media entry points: images,
documents, collections and collection view restrictions (a restriction withdraws every
image and document of the collection and its descendants). Drafts saved on a snippet also
trigger it: a needless but harmless refresh. Image renditions do not: they are made while a
response is computed, and change nothing a response shows.

The generation is bumped twice: at once, so reads later in the same transaction are not
served an older response, and again after the commit, so that a response another process
computed from the old data in between (and cached under the first bump) goes stale too.
"""

from functools import cache

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from grapple.registry import registry
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from .caching import invalidate

DISPATCH_UID = "delivery.invalidation"


def invalidate_now_and_on_commit():
    invalidate()
    transaction.on_commit(invalidate)


def content_changed(sender, **kwargs):
    invalidate_now_and_on_commit()


def model_saved(sender, instance, **kwargs):
    if isinstance(instance, Page) and not instance.live:
        return  # a draft page's row changed: nothing served changed
    if isinstance(instance, watched_models()):
        invalidate_now_and_on_commit()


@cache
def watched_models():
    """Every model a response may show: pages, sites, media and collections, settings, and
    each snippet model the schema serves (Grapple's registry), whichever content app
    defines it."""
    media = (get_image_model(), get_document_model(), Collection, CollectionViewRestriction)
    settings = (BaseSiteSetting, BaseGenericSetting)
    return (Page, PageViewRestriction, Site, *media, *settings, *registry.snippets)


def model_deleted(sender, instance, **kwargs):
    if isinstance(instance, watched_models()):
        invalidate_now_and_on_commit()


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(content_changed, dispatch_uid=DISPATCH_UID)
    post_save.connect(model_saved, dispatch_uid=DISPATCH_UID)
    post_delete.connect(model_deleted, dispatch_uid=DISPATCH_UID)
