"""Articles prepared for delivery in batches (``ArticlePage.prepare_for_delivery``).

A GraphQL response may hold one article or a hundred, each with a condition, a disclaimer,
a reviewer and ordered sources. ``delivery.batching`` hands every batch of articles a
resolver returns to ``prepare_articles``, which fetches those relations for all of them at
once (``prefetch_related_objects`` skips what a ``select_related`` already loaded) and
resolves the disclaimer each one serves; the generic part (rich-text link targets, site
root paths, view restrictions) is ``delivery.batching``'s.

The models are taken from the articles themselves: ``articles.models`` imports this
module, never the reverse.
"""

from django.db.models import Prefetch, prefetch_related_objects


def sources_prefetch(article_model):
    """An article's sources in one query, not two."""
    source_link_model = article_model._meta.get_field("source_links").related_model
    return Prefetch("source_links", queryset=source_link_model.objects.select_related("source"))


def article_relations(article_model):
    """What serving an article needs besides its own row."""
    return ("condition", "disclaimer", "reviewer", sources_prefetch(article_model))


def prepare_articles(articles):
    """Fetch the relations of these articles (all of one model) in a constant number of
    queries; return the disclaimers they serve, whose rich text is served too."""
    article_model = type(articles[0])
    prefetch_related_objects(articles, *article_relations(article_model))
    article_model.serve_disclaimers(articles)
    return [article.published_disclaimer for article in articles]
