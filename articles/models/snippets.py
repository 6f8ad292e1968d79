"""Reusable content shared by many articles: conditions, disclaimers, trusted sources."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from grapple.models import GraphQLRichText, GraphQLString
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from delivery.visibility import published


class NamedSnippet(TranslatableMixin, models.Model):
    """A snippet editors and readers know by its ``name``: listed and shown by it.

    Translatable: each language has its own version (wagtail-localize's translation
    editor), reviewed and published on its own; names are unique within a language.
    """

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Condition(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, NamedSnippet
):
    """A health condition articles are about, so apps can list articles per condition.

    Readers see its description beside reviewed articles: changes go through the Medical
    review workflow like articles, and only the published version is served.
    """

    name = models.CharField(max_length=120, help_text="As readers know it.")
    slug = models.SlugField(
        max_length=120,
        help_text="Identifies the condition in URLs and API filters; keep it stable.",
    )
    description = models.TextField(
        blank=True, help_text="One or two plain-text sentences on what the condition is."
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("live"),  # the public search serves published conditions only
        index.FilterField("locale"),
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

    class Meta(NamedSnippet.Meta):
        verbose_name = "condition"
        verbose_name_plural = "conditions"
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"],
                name="condition_slug_per_locale",
                violation_error_message="Another condition in this language has this slug.",
            ),
            models.UniqueConstraint(
                fields=["name", "locale"],
                name="condition_name_per_locale",
                violation_error_message="Another condition in this language has this name.",
            ),
        ]


class Disclaimer(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model
):
    """Legal text that accompanies every article. Only its published version is served.

    Per language: an article is served with a published disclaimer of its own language,
    never another language's legal text. Each language has its own default.
    """

    title = models.CharField(max_length=120, help_text="Shown as the disclaimer's heading.")
    body = RichTextField(
        features=["bold", "italic", "link"],
        help_text="The legal text. Changes reach readers only after medical review.",
    )
    is_default = models.BooleanField(
        default=False,
        help_text="New articles get the default disclaimer of their language. Each language "
        "has one default.",
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

    class Meta(TranslatableMixin.Meta):
        ordering = ["title"]
        verbose_name = "disclaimer"
        verbose_name_plural = "disclaimers"
        constraints = [
            models.UniqueConstraint(
                fields=["is_default", "locale"],
                condition=Q(is_default=True),
                name="one_default_disclaimer_per_locale",
                violation_error_message="Another disclaimer is already the default in this "
                "language.",
            )
        ]

    def __str__(self):
        return self.title

    def live_articles(self):
        """The live articles that show this disclaimer to readers."""
        return self.articles.filter(live=True).order_by("title")

    def protection_reason(self):
        """Why readers depend on this disclaimer staying published, or ``None``.

        The default disclaimer is what every article falls back to; a disclaimer a live
        article uses is what that article shows. Neither may be unpublished, expired or
        deleted: the API would have no disclaimer to serve with those articles.
        """
        if self.is_default:
            return (
                "it is the default disclaimer for "
                f"{self.locale.language_name_localized} articles, shown with any of them "
                "whose own is unavailable"
            )
        using = self.live_articles().count()
        if using == 1:
            return "a live article shows it"
        return f"{using} live articles show it" if using else None

    def clean(self):
        super().clean()
        reason = self.expire_at and self.pk and self.protection_reason()
        if reason:
            raise ValidationError(
                {
                    "expire_at": f"This disclaimer cannot expire: {reason}. Choose another "
                    "disclaimer for those articles first."
                }
            )

    @classmethod
    def default_pk(cls, locale_id=None):
        """Primary key of the default disclaimer of a language (the default language's
        when not given; ArticlePage.disclaimer's default), or ``None``."""
        locale_id = locale_id or Locale.get_default().pk
        defaults = cls.objects.filter(is_default=True, locale_id=locale_id)
        return defaults.values_list("pk", flat=True).first()

    @classmethod
    def served_default(cls, locale_id):
        """The default disclaimer of a language if readers may see it (published, not
        expired), else None."""
        return published(cls).filter(is_default=True, locale_id=locale_id).first()


class TrustedSource(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, NamedSnippet):
    """An organisation readers can turn to for more information.

    Every live article citing it shows its name and link: changes go through the Medical
    review workflow, and only the published version is served.
    """

    name = models.CharField(
        max_length=160, help_text="The organisation's name, as readers see it."
    )
    url = models.URLField(
        "URL",
        max_length=500,
        help_text="The page readers are sent to, starting with https://: in this language's "
        "version, the organisation's page in that language where it has one.",
    )

    graphql_description = "An organisation readers can turn to for more information."
    graphql_fields = [
        GraphQLString("name", required=True, description="The organisation's name."),
        GraphQLString("url", required=True, description="Its website (an absolute URL)."),
    ]

    # The URL is translatable (wagtail-localize synchronises URLFields by default): the
    # Spanish version of a source may point to the organisation's Spanish pages.
    override_translatable_fields = [TranslatableField("url")]

    class Meta(NamedSnippet.Meta):
        verbose_name = "trusted source"
        verbose_name_plural = "trusted sources"
        constraints = [
            models.UniqueConstraint(
                fields=["name", "locale"],
                name="trusted_source_name_per_locale",
                violation_error_message="Another trusted source in this language has this name.",
            )
        ]
