"""Reusable content shared by many articles: conditions, disclaimers, trusted sources."""

from django.db import models
from django.db.models import Q
from grapple.models import GraphQLRichText, GraphQLString
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from delivery.visibility import published


class NamedSnippet(models.Model):
    """A snippet editors and readers know by its ``name``: listed and shown by it."""

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Condition(DraftStateMixin, RevisionMixin, index.Indexed, NamedSnippet):
    """A health condition articles are about, so apps can list articles per condition."""

    name = models.CharField(max_length=120, unique=True, help_text="As readers know it.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="Identifies the condition in URLs and API filters; keep it stable.",
    )
    description = models.TextField(
        blank=True, help_text="One or two plain-text sentences on what the condition is."
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("live"),  # the public search serves published conditions only
    ]

    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("slug", required=True),
        GraphQLString("description", required=True),
    ]

    class Meta(NamedSnippet.Meta):
        verbose_name = "condition"
        verbose_name_plural = "conditions"


class Disclaimer(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """Legal text that accompanies every article. Only its published version is served."""

    title = models.CharField(max_length=120, help_text="Shown as the disclaimer's heading.")
    body = RichTextField(
        features=["bold", "italic", "link"],
        help_text="The legal text. Changes reach readers only after medical review.",
    )
    is_default = models.BooleanField(
        default=False,
        help_text="New articles get the default disclaimer. Only one can be the default.",
    )

    graphql_fields = [
        GraphQLString("title", required=True),
        GraphQLRichText("body", required=True),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = "disclaimer"
        verbose_name_plural = "disclaimers"
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_disclaimer",
                violation_error_message="Another disclaimer is already the default.",
            )
        ]

    def __str__(self):
        return self.title

    @classmethod
    def default_pk(cls):
        """Primary key of the default disclaimer, for ArticlePage.disclaimer's default."""
        return cls.objects.filter(is_default=True).values_list("pk", flat=True).first()

    @classmethod
    def served_default(cls):
        """The default disclaimer if readers may see it (published, not expired), else None."""
        return published(cls).filter(is_default=True).first()


class TrustedSource(RevisionMixin, NamedSnippet):
    """An organisation readers can turn to for more information."""

    name = models.CharField(
        max_length=160, unique=True, help_text="The organisation's name, as readers see it."
    )
    url = models.URLField(
        "URL", max_length=500, help_text="The page readers are sent to, starting with https://."
    )

    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("url", required=True),
    ]

    class Meta(NamedSnippet.Meta):
        verbose_name = "trusted source"
        verbose_name_plural = "trusted sources"
