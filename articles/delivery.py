"""Articles prepared for delivery in batches (``ArticlePage.prepare_for_delivery``).

A GraphQL response may hold one article or a hundred, each with a condition, a disclaimer,
a reviewer and ordered sources. ``delivery.batching`` hands every batch of articles a
resolver returns to ``prepare_articles``, which fetches those relations for all of them at
once (``prefetch_related_objects`` skips what a ``select_related`` already loaded) and
resolves the disclaimer and hero image each one serves; the generic part (rich-text link
targets, site root paths, view restrictions) is ``delivery.batching``'s.

The models are taken from the articles themselves: ``articles.models`` imports this
module, never the reverse.
"""

from django.db.models import Prefetch, prefetch_related_objects

from delivery.locales import language_order
from delivery.visibility import public_images, servable_pages

from .graphql_types import ArticleTranslation, HeroImage


def sources_prefetch(article_model):
    """An article's sources in one query, not two."""
    source_link_model = article_model._meta.get_field("source_links").related_model
    return Prefetch("source_links", queryset=source_link_model.objects.select_related("source"))


def article_relations(article_model):
    """What serving an article needs besides its own row."""
    return ("condition", "disclaimer", "reviewer", sources_prefetch(article_model))


def prepare_hero_images(articles):
    """Every hero image of a batch (public collections only) in one query."""
    ids = {article.hero_image_id for article in articles} - {None}
    images = {}
    if ids:
        images = {image.pk: image for image in public_images().filter(pk__in=ids)}
    for article in articles:
        image = images.get(article.hero_image_id)
        article.__dict__["served_hero_image"] = HeroImage.for_article(article, image)


class TranslationBatch:
    """The servable versions, in every language, of a batch of articles: fetched in one
    query the first time one article's ``translations`` are asked for, so that a batch
    costs one query for them (and none when no response asks)."""

    def __init__(self, articles):
        self.article_model = type(articles[0])
        self.keys = {article.translation_key for article in articles}
        self.by_key = None

    def translations_of(self, article):
        if self.by_key is None:
            self.by_key = self.fetch(article)
        return self.by_key.get(article.translation_key, [])

    def fetch(self, article):
        from .rich_text import frontend_url  # loads Wagtail's page model: not at import time

        versions = (
            servable_pages(self.article_model.objects.filter(translation_key__in=self.keys))
            .select_related("locale")
            .only("id", "title", "slug", "url_path", "translation_key", "locale__language_code")
        )
        root_paths = article._get_site_root_paths()  # the request's, as for the article
        by_key = {}
        for version in versions:
            version._wagtail_cached_site_root_paths = root_paths
            by_key.setdefault(version.translation_key, []).append(
                ArticleTranslation(
                    locale=version.locale.language_code,
                    url=frontend_url(version),
                    slug=version.slug,
                    id=version.pk,
                    title=version.title,
                )
            )
        for translations in by_key.values():
            translations.sort(key=lambda translation: language_order(translation.locale))
        return by_key


def prepare_translations(articles):
    batch = TranslationBatch(articles)
    for article in articles:
        article.__dict__["translation_batch"] = batch


def prepare_articles(articles):
    """Fetch the relations of these articles (all of one model) in a constant number of
    queries; return the disclaimers they serve, whose rich text is served too."""
    article_model = type(articles[0])
    prefetch_related_objects(articles, *article_relations(article_model))
    prepare_hero_images(articles)
    prepare_translations(articles)
    article_model.serve_disclaimers(articles)
    return [article.published_disclaimer for article in articles]
