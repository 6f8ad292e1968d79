"""The article tree: HomePage → ArticleIndexPage → ArticlePage."""

from functools import cache

import graphene
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from grapple.models import (
    GraphQLField,
    GraphQLRichText,
    GraphQLSnippet,
    GraphQLString,
)
from grapple.registry import registry
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import BaseTranslatableField

from delivery.preview import SignedHeadlessPreviewMixin
from delivery.visibility import is_published, public_images, published_q
from editorial.publishing import MedicallyReviewedPage, MedicallyReviewedTree

from ..blocks import INTRO_FEATURES, RICH_TEXT_FEATURES, ArticleStreamBlock
from ..delivery import TranslationBatch, prepare_articles
from ..forms import ArticlePageForm
from ..graphql_types import (
    ArticleTranslation,
    HeroImage,
    Readability,
    Reviewer,
    article_body_block,
    required_list,
)
from ..readability import measure_article
from ..structured_data import as_script_json, medical_web_page
from .snippets import Disclaimer, TrustedSource

CALENDAR_DATE = (
    "A calendar date in the publisher's time zone (TIME_ZONE), not an instant: show it as "
    "it is, without converting it to another zone."
)


class ArticleIndexPage(MedicallyReviewedTree, Page):
    """The library of health articles on a site."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    # One article library per site keeps article URLs predictable for frontends.
    max_count_per_parent = 1

    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Introduces the article library; apps show it above the list of articles.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    graphql_description = "The health articles library of a site: its articles are children."
    graphql_fields = [
        GraphQLRichText("intro", required=True, description="Text introducing the library."),
    ]


class ArticleSource(TranslatableMixin, Orderable):
    """A trusted source cited by an article, in the order editors choose.

    Translatable with its article, so that a translation cites the sources' versions in
    its own language (wagtail-localize translates the ``source`` reference).
    """

    graphql_description = "A citation link; apps read `ArticlePage.sources` instead."

    page = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="source_links"
    )
    source = models.ForeignKey(
        "articles.TrustedSource",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Readers are pointed to it for more information.",
    )

    panels = [FieldPanel("source")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass


def served_disclaimer(own, locale_id, served_default):
    """The disclaimer readers see with an article in the language ``locale_id``: its
    ``own`` if published (and not expired) and in that language, else
    ``served_default(locale_id)``, the language's published default (``None`` if there is
    none). Never another language's legal text.

    The rule in Python; ``ArticlePageQuerySet.showing_disclaimer`` is the same rule in SQL.
    """
    if own is not None and own.locale_id == locale_id and is_published(own):
        return own
    return served_default(locale_id)


class ArticlePageQuerySet(PageQuerySet):
    def showing_disclaimer(self, disclaimer):
        """Articles whose served disclaimer is ``disclaimer`` when it is published: those
        that cite it and, if it is the default, those whose own disclaimer is withheld.

        So when ``disclaimer`` is published or withdrawn, these are the articles whose
        served content changes (see ``served_disclaimer``).
        """
        own = Q(disclaimer=disclaimer)
        if disclaimer.is_default:
            own |= ~published_q("disclaimer__") | ~Q(disclaimer__locale_id=disclaimer.locale_id)
        return self.filter(own, locale_id=disclaimer.locale_id)


class ArticlePage(MedicallyReviewedPage, SignedHeadlessPreviewMixin, Page):
    """A medically reviewed health article.

    The admin's Preview opens the frontend configured for the site with a preview token
    (see ``delivery.preview``); without one, the CMS's reader template.
    """

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    graphql_description = (
        "A medically reviewed health article. Readers only ever see its approved version, "
        "always with its disclaimer."
    )

    base_form_class = ArticlePageForm

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    subtitle = models.CharField(
        max_length=255, blank=True, help_text="Shown under the title; plain text."
    )
    summary = models.TextField(
        max_length=300,
        help_text="Plain text for listings, search results and search engines.",
    )
    intro = RichTextField(features=INTRO_FEATURES, help_text="The opening paragraphs.")
    condition = models.ForeignKey(
        "articles.Condition",
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="The health condition the article is about; apps list articles by it.",
    )
    body = StreamField(
        ArticleStreamBlock(),
        help_text="Sections (at least one) and comparison tables.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The illustration shown at the top of the article.",
    )
    hero_image_alt = models.CharField(
        "alt text",
        max_length=255,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. Required to publish "
        "unless the image is decorative.",
    )
    hero_image_decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text="The image adds nothing a reader needs: it is served with empty alt text.",
    )
    hero_image_credit = models.CharField(
        "credit",
        max_length=255,
        blank=True,
        help_text="Photographer, illustrator or licence, shown with the image.",
    )
    disclaimer = models.ForeignKey(
        "articles.Disclaimer",
        on_delete=models.PROTECT,
        related_name="articles",
        default=Disclaimer.default_pk,
        help_text="Shown with the article everywhere it appears.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When a medical reviewer last approved the article."
    )
    next_review_due = models.DateField(
        null=True, blank=True, help_text="When the article is due for its next medical review."
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The medical reviewer who last approved the article, credited by name.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("summary"),
        FieldPanel("condition"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_image_decorative"),
                FieldPanel("hero_image_credit"),
            ],
            heading="Hero image",
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultipleChooserPanel(
            "source_links",
            chooser_field_name="source",
            label="Trusted sources",
            min_num=0,
            help_text="Organisations readers can turn to, in the order shown to them.",
        ),
        FieldPanel("disclaimer"),
    ]
    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("last_reviewed", read_only=True),
                FieldPanel("next_review_due", read_only=True),
                FieldPanel("reviewer", read_only=True),
            ],
            heading="Medical review",
            help_text="Stamped when a medical reviewer approves the article.",
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(review_panels, heading="Medical review"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("summary"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("condition", [index.SearchField("name")]),
        index.FilterField("condition"),
        index.FilterField("last_reviewed"),
    ]

    # A copy or a translation is reviewed on its own: the review stamp is never copied
    # (Wagtail's copy and copy-for-translation), nor synced from the source by
    # wagtail-localize (a field neither translated nor synchronised).
    exclude_fields_in_copy = ["last_reviewed", "next_review_due", "reviewer"]
    override_translatable_fields = [
        BaseTranslatableField("last_reviewed"),
        BaseTranslatableField("next_review_due"),
        BaseTranslatableField("reviewer"),
    ]

    # Fetched with the article's own row wherever it is served (``delivery.specific``).
    delivery_select_related = ("condition", "disclaimer", "reviewer", "locale")

    graphql_fields = [
        GraphQLString(
            "subtitle", required=True, description="The line under the title (may be empty)."
        ),
        GraphQLRichText("intro", required=True, description="The opening paragraphs."),
        GraphQLString(
            "summary",
            required=True,
            description="Plain text for listings, search results and search engines.",
        ),
        GraphQLField(
            "hero_image",
            lambda: HeroImage,
            source="served_hero_image",
            description="The article's illustration with its alt text and credit (null: none).",
        ),
        GraphQLSnippet(
            "condition",
            "articles.Condition",
            source="published_condition",
            description="The condition the article is about (null while it is unpublished).",
        ),
        GraphQLField(
            "body",
            required_list(lambda: article_body_block(ArticleStreamBlock)),
            description="Sections and comparison tables, in reading order.",
        ),
        GraphQLField(
            "sources",
            required_list(lambda: registry.snippets[TrustedSource]),
            source="ordered_sources",
            description="The trusted sources the article cites, in the editors' order.",
        ),
        GraphQLField(
            "last_reviewed",
            graphene.Date,
            description="When a medical reviewer last approved the article (null: never). "
            + CALENDAR_DATE,
        ),
        GraphQLField(
            "next_review_due",
            graphene.Date,
            description="When the article is due for its next medical review. " + CALENDAR_DATE,
        ),
        GraphQLField(
            "reviewer",
            Reviewer,
            source="reviewer_credit",
            description="The medical reviewer who last approved the article.",
        ),
        GraphQLString(
            "language",
            required=True,
            source="language_tag",
            description="The article's language as a BCP 47 tag (such as `en-GB`): set it as "
            "the `lang` of the page showing the article.",
        ),
        GraphQLString(
            "locale",
            required=True,
            source="language_code",
            description="The article's content language code, such as `en` or `es`: the "
            "`locale` argument that serves it.",
        ),
        GraphQLField(
            "translations",
            required_list(lambda: ArticleTranslation),
            description="The article's live versions in every content language, this one "
            "included, in the configured language order: for language switchers and "
            "`hreflang` links. A language without an approved, live version is absent.",
        ),
        GraphQLSnippet(
            "disclaimer",
            "articles.Disclaimer",
            required=True,
            source="published_disclaimer",
            description="The medical disclaimer: show it with the article, always.",
        ),
        GraphQLField(
            "readability",
            Readability,
            required=True,
            description="Plain-language figures of this version of the article.",
        ),
        GraphQLString(
            "structured_data",
            required=True,
            description="Search engines' schema.org MedicalWebPage JSON-LD, a JSON string: put "
            "it as it is "
            'inside <script type="application/ld+json"> in the page head. Characters that '
            "could end the script element are escaped.",
        ),
    ]

    def clean_fields(self, exclude=None):
        """Validate the body's blocks too: StreamField's own field validation does not.

        The admin's page form excludes ``body`` here because its form field has already
        validated the blocks (deferring required checks for drafts).
        """
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.error_dict
        if "body" not in (exclude or ()) and "body" not in errors:
            try:
                self.body.stream_block.clean(self.body)
            except ValidationError as error:
                errors["body"] = [error]
        if errors:
            raise ValidationError(errors)

    @classmethod
    def prepare_for_delivery(cls, articles):
        """A batch of articles about to be served (``delivery.batching``'s protocol)."""
        return prepare_articles(articles)

    @property
    def published_condition(self):
        """The condition, unless it has never been published (or was unpublished) or is in
        another language than the article (no fallback to another language's text)."""
        condition = self.condition
        return condition if self.serves(condition) else None

    def serves(self, snippet):
        """Whether readers of this article may see ``snippet`` with it: published and in
        the article's language."""
        return snippet.locale_id == self.locale_id and is_published(snippet)

    @cached_property
    def published_disclaimer(self):
        """The disclaimer to serve with this article (see ``served_disclaimer``).

        Cached on the instance: ``serve_disclaimers`` sets it for a whole batch at once.
        """
        return served_disclaimer(self.disclaimer, self.locale_id, Disclaimer.served_default)

    def publication_problems(self):
        """Why this version may not go live (``editorial.publishing``): readers of every
        language get a published disclaimer in that language, never another's, and the
        condition and sources it cites in that language."""
        language = self.locale.language_name_localized
        problems = []
        if self.published_disclaimer is None:
            problems.append(
                f"Not published: there is no published {language} disclaimer to show with "
                f"it (readers of {language} articles see {language} legal text only). Choose "
                f"a published {language} disclaimer, or have the default disclaimer "
                "translated and reviewed, then submit again."
            )
        foreign = [
            str(snippet)
            for snippet in [self.condition, *(link.source for link in self.source_links.all())]
            if snippet is not None and snippet.locale_id != self.locale_id
        ]
        if foreign:
            problems.append(
                f"Not published: it cites {', '.join(foreign)} in another language. Choose "
                f"their {language} versions (translate them first if needed), then submit "
                "again."
            )
        return problems

    @classmethod
    def serve_disclaimers(cls, articles):
        """Set ``published_disclaimer`` on each article, reading each language's default at
        most once (the articles' own disclaimers are expected to be loaded already)."""
        served_default = cache(Disclaimer.served_default)
        for article in articles:
            article.__dict__["published_disclaimer"] = served_disclaimer(
                article.disclaimer, article.locale_id, served_default
            )

    @cached_property
    def served_hero_image(self):
        """The hero image with its alt text and credit, if its collection is public.

        Cached on the instance: ``articles.delivery`` sets it for a whole batch at once.
        """
        if self.hero_image_id is None:
            return None
        image = public_images().filter(pk=self.hero_image_id).first()
        return HeroImage.for_article(self, image)

    @property
    def ordered_sources(self):
        """The cited sources readers may see: published ones in the article's language (a
        draft source, or another language's version, is not)."""
        return [link.source for link in self.source_links.all() if self.serves(link.source)]

    @cached_property
    def readability_figures(self):
        """Grade level, reading ease and reading time of this version (see
        ``articles.readability``)."""
        return measure_article(self)

    @property
    def readability(self):
        return Readability.from_figures(self.readability_figures)

    @property
    def structured_data(self):
        """JSON-LD for search engines, from this version as served (see
        ``articles.structured_data``)."""
        return as_script_json(medical_web_page(self))

    @property
    def language_tag(self):
        """The locale's language code (Django's ``en-gb``) as a BCP 47 tag (``en-GB``)."""
        locale = self.locale if self.locale_id else Locale.get_default()
        language, _, region = locale.language_code.partition("-")
        return f"{language}-{region.upper()}" if region else language

    @property
    def language_code(self):
        """The content language code of the article's locale (``en``, ``es``)."""
        return (self.locale if self.locale_id else Locale.get_default()).language_code

    @property
    def translations(self):
        """Servable versions of this article in every language, itself included (see
        ``articles.delivery.TranslationBatch``; set for a whole batch at once)."""
        batch = self.__dict__.get("translation_batch") or TranslationBatch([self])
        return batch.translations_of(self)

    @property
    def reviewer_credit(self):
        if self.reviewer is None:
            return None
        name = self.reviewer.get_full_name().strip()
        return Reviewer(name=name) if name else None
