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


class Condition(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A health condition articles are about, so apps can list articles per condition."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("live"),  # the public search serves published conditions only
    ]

    graphql_description = "A health condition articles are about (published versions only)."
    graphql_fields = [
        GraphQLString("name", required=True, description="The condition's name."),
        GraphQLString(
            "slug", required=True, description="Filter articles with `articles(condition:)`."
        ),
        GraphQLString(
            "description", required=True, description="A short description (may be empty)."
        ),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Disclaimer(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """Legal text that accompanies every article. Only its published version is served."""

    title = models.CharField(max_length=120)
    body = RichTextField(features=["bold", "italic", "link"])
    is_default = models.BooleanField(
        default=False,
        help_text="New articles get the default disclaimer. Only one can be the default.",
    )

    graphql_description = (
        "The medical disclaimer an article carries: its published, medically reviewed text."
    )
    graphql_fields = [
        GraphQLString("title", required=True, description="The disclaimer's heading."),
        GraphQLRichText(
            "body", required=True, description="The disclaimer's text: show it in full."
        ),
    ]

    class Meta:
        ordering = ["title"]
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


class TrustedSource(RevisionMixin, models.Model):
    """An organisation readers can turn to for more information."""

    name = models.CharField(max_length=160, unique=True)
    url = models.URLField("URL", max_length=500)

    graphql_description = "An organisation readers can turn to for more information."
    graphql_fields = [
        GraphQLString("name", required=True, description="The organisation's name."),
        GraphQLString("url", required=True, description="Its website (an absolute URL)."),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
