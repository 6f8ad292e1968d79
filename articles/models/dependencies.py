"""The dependency index: what each live article's served content is made of.

Delivery reads it to tell static builds, webhooks and caches which articles a change to
shared content touched (see ``articles.dependencies``).
"""

from django.db import models
from django.utils import timezone


class DependencyKind(models.TextChoices):
    """Content an article shows besides its own fields."""

    PAGE = "page", "Linked page"
    DISCLAIMER = "disclaimer", "Disclaimer"
    CONDITION = "condition", "Condition"
    SOURCE = "source", "Trusted source"
    IMAGE = "image", "Image"
    DOCUMENT = "document", "Document"


class ArticleDependency(models.Model):
    """One thing a live article shows: ``kind`` and the id of the page, snippet or media.

    Rewritten whenever the article is published, removed when it is unpublished: only
    live articles have rows.
    """

    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="dependencies"
    )
    kind = models.CharField(max_length=16, choices=DependencyKind.choices)
    target_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "article dependency"
        verbose_name_plural = "article dependencies"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "target_id"], name="one_row_per_article_dependency"
            )
        ]
        indexes = [models.Index(fields=["kind", "target_id"], name="article_dependency_target")]

    def __str__(self):
        return f"article {self.article_id} shows {self.kind} {self.target_id}"


class ArticleChange(models.Model):
    """A live article whose served content changed at ``changed_at`` through a dependency.

    Written, one row per affected article, when something the index says an article shows
    is published, unpublished, moved, renamed, replaced or deleted. ``article_id`` is not a
    foreign key: the row outlives the article. Pruned with the tombstones.
    """

    article_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=16, choices=DependencyKind.choices)
    target_id = models.PositiveBigIntegerField()
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["article_id", "changed_at"], name="article_change_since")]

    def __str__(self):
        return f"article {self.article_id}: {self.kind} {self.target_id} at {self.changed_at}"
