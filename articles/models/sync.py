"""What incremental static builds need to know about articles that left the site."""

import graphene
from django.db import models
from django.utils import timezone
from grapple.models import GraphQLField, GraphQLString

from ..graphql_types import TombstoneReason


class ArticleTombstone(models.Model):
    """An article that stopped being served at ``url_path`` at ``removed_at``.

    Written when a live article is unpublished or deleted, or moves (its slug or an
    ancestor's changes, or it is moved in the tree): the old path is then recorded so that a
    client keyed by path can remove the stale page. ``page_id`` is not a foreign key: the
    page may no longer exist. Rows are never updated; sync reads them by time.
    """

    class Reason(models.TextChoices):
        UNPUBLISHED = "unpublished", "Unpublished"
        DELETED = "deleted", "Deleted"
        MOVED = "moved", "Moved"

    page_id = models.PositiveBigIntegerField(db_index=True)
    slug = models.SlugField(max_length=255, allow_unicode=True, db_index=False)
    url_path = models.TextField(help_text="The site-relative path it was served at.")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    removed_at = models.DateTimeField(default=timezone.now, db_index=True)
    locale = models.CharField(
        max_length=100, help_text="The article's content language code (`en`, `es`)."
    )

    graphql_description = (
        "An article no longer served at `url`: remove that page from a static build."
    )
    graphql_fields = [
        GraphQLField(
            "article_id",
            graphene.ID,
            required=True,
            source="page_id",
            description="The article's id, as in `article.id`.",
        ),
        GraphQLString("slug", required=True, description="The article's slug at the time."),
        GraphQLString(
            "url",
            required=True,
            source="url_path",
            description="The site-relative path it was served at.",
        ),
        GraphQLString("locale", required=True, description="The article's content language code."),
        GraphQLField(
            "reason", TombstoneReason, required=True, description="Why it is no longer there."
        ),
        GraphQLField(
            "removed_at", graphene.DateTime, required=True, description="When it was removed."
        ),
    ]

    class Meta:
        ordering = ["removed_at", "pk"]
        verbose_name = "article tombstone"

    def __str__(self):
        return f"{self.get_reason_display()} {self.url_path} at {self.removed_at:%Y-%m-%d %H:%M}"
