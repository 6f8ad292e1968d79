"""Test data built the way editors build it: block values from wagtail-factories, then a page
under the index and a revision. Nothing here reads the demo seed file.

Block factories fill every column of a comparison row from ``ComparisonRowBlock``'s
children, so a new column needs no change here.
"""

import datetime

import factory
import wagtail_factories
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import DraftStateMixin, Locale, Page, RevisionMixin, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, StringTranslation

from articles.blocks import (
    ArticleStreamBlock,
    ComparisonRowBlock,
    ComparisonTableBlock,
    SectionBlock,
    SubsectionBlock,
)
from articles.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticleSource,
    Condition,
    Disclaimer,
    TrustedSource,
)
from home.models import HomePage

PARAGRAPH = (
    "Treatment choices depend on the stage of the condition, earlier treatments, general "
    "health and what matters most to the person being treated; a specialist team weighs "
    "the expected benefits against the side effects and explains both before starting."
)


def rich_text(*paragraphs):
    return RichText("".join(f"<p>{paragraph}</p>" for paragraph in paragraphs))


class SubsectionFactory(wagtail_factories.StructBlockFactory):
    heading = factory.Sequence(lambda n: f"Subsection {n}")
    body = factory.LazyFunction(lambda: rich_text("A paragraph."))

    class Meta:
        model = SubsectionBlock


class SectionFactory(wagtail_factories.StructBlockFactory):
    heading = factory.Sequence(lambda n: f"Section {n}")
    body = factory.LazyFunction(lambda: rich_text("A paragraph."))
    subsections = wagtail_factories.ListBlockFactory(SubsectionFactory)

    class Meta:
        model = SectionBlock


class ComparisonRowFactory(wagtail_factories.StructBlockFactory):
    """A row with every column: the cells given, required ones otherwise "<label> cell"."""

    class Meta:
        model = ComparisonRowBlock

    @classmethod
    def _construct_struct_value(cls, block_class, params):
        block = block_class()
        cells = [
            (name, params.get(name, f"{child.label} cell" if child.required else ""))
            for name, child in block.child_blocks.items()
        ]
        return block.meta.value_class(block, cells)


class ComparisonTableFactory(wagtail_factories.StructBlockFactory):
    caption = "Options"
    rows = wagtail_factories.ListBlockFactory(ComparisonRowFactory)

    class Meta:
        model = ComparisonTableBlock


class ArticleBodyFactory(wagtail_factories.StreamBlockFactory):
    """``ArticleBodyFactory(**{"0__section__heading": "Overview", "1": "comparison_table"})``"""

    section = factory.SubFactory(SectionFactory)
    comparison_table = factory.SubFactory(ComparisonTableFactory)

    class Meta:
        model = ArticleStreamBlock


def simple_body(heading="Overview", row=None):
    """A section and a one-row comparison table (``row``: the cells to set)."""
    cells = {f"1__comparison_table__rows__0__{name}": value for name, value in (row or {}).items()}
    return ArticleBodyFactory(
        **{"0__section__heading": heading, "1__comparison_table__rows__0": None, **cells}
    )


def make_article(title, *, publish=True, condition=None, parent=None, **fields):
    """A new article under the index (the default language's, unless ``parent`` says
    otherwise), with that language's condition and default disclaimer; published unless
    ``publish=False``."""
    parent = parent or ArticleIndexPage.objects.get(locale=Locale.get_default())
    language = {"locale_id": parent.locale_id}
    defaults = {
        "title": title,
        "summary": f"Summary of {title}.",
        "intro": "<p>Intro.</p>",
        "condition": condition or Condition.objects.get(slug="multiple-myeloma", **language),
        "body": simple_body(),
        "disclaimer": Disclaimer.objects.get(is_default=True, **language),
        "live": False,
    }
    defaults.update(fields)
    article = parent.add_child(instance=ArticlePage(**defaults))
    revision = article.save_revision()
    if publish:
        revision.publish()
        article.refresh_from_db()
    return article


def publish_condition(name, slug):
    condition = Condition(name=name, slug=slug, live=False)
    condition.save()
    condition.save_revision().publish()
    condition.refresh_from_db()
    return condition


DAY = datetime.timedelta(days=1)


def full_body(link):
    """A body the size of a real article: four sections (one with three subsections, each
    section linking to a page through ``link``) and a three-row comparison table."""
    linked = rich_text(f"{PARAGRAPH} See {link}.", PARAGRAPH)
    subsections = {
        f"0__section__subsections__{i}__body": rich_text(PARAGRAPH, PARAGRAPH) for i in range(3)
    }
    return ArticleBodyFactory(
        **{
            "0__section__body": linked,
            **subsections,
            "1__comparison_table__rows__0": None,
            "1__comparison_table__rows__1": None,
            "1__comparison_table__rows__2": None,
            "2__section__body": linked,
            "3__section__body": linked,
        }
    )


def full_article_fields(link_target, reviewer=None):
    """Every field of a real article, plus a reviewer and internal page links.

    The intro and every section link to ``link_target`` (a page), so that rich-text link
    expansion runs in each rich-text field the way it does in real articles.
    """
    link = f'<a linktype="page" id="{link_target.pk}">{link_target.title}</a>'
    return {
        "subtitle": "What the options are and how they compare",
        "intro": f"<p>{PARAGRAPH} Read {link} first.</p><p>{PARAGRAPH}</p>",
        "body": full_body(link),
        "last_reviewed": datetime.date(2026, 1, 1),
        "next_review_due": datetime.date(2027, 1, 1),
        "reviewer": reviewer,
    }


def make_full_article(title, link_target, reviewer=None, revision=True):
    """A published article the size of a real one, with every trusted source and a reviewer.

    ``revision=False`` creates the page live without a revision, as a bulk import would:
    the API reads the same page row, in a fraction of the time.
    """
    article = ArticlePage(
        **{
            "title": title,
            "summary": f"Summary of {title}.",
            "condition": Condition.objects.get(slug="multiple-myeloma"),
            "disclaimer": Disclaimer.objects.get(is_default=True),
            "live": not revision,
            "first_published_at": None if revision else timezone.now(),
            **full_article_fields(link_target, reviewer),
        }
    )
    article.source_links = [
        ArticleSource(source=source, sort_order=i)
        for i, source in enumerate(TrustedSource.objects.all())
    ]
    ArticleIndexPage.objects.get().add_child(instance=article)
    if revision:
        article.save_revision().publish()
        article.refresh_from_db()
    return article


# --- The site most tests start from ----------------------------------------------------

ARTICLE_SLUG = "immunotherapy-for-multiple-myeloma"
ARTICLE_TITLE = "Immunotherapy for Multiple Myeloma"
FIRST_ROW = {
    "treatment_type": "Cell-Based Therapy",
    "mechanism": "Modifies immune cells to target affected cells",
    "administration": "Intravenous infusion",
    "common_side_effects": "Mild fever, fatigue",
}


def published(obj):
    """``obj`` saved (if new), then published through a revision as editors publish."""
    if obj.pk is None:
        obj.save()
    obj.save_revision().publish()
    obj.refresh_from_db()
    return obj


def make_site_root():
    """A published home page as the default site's root, replacing Wagtail's welcome page."""
    Page.objects.filter(
        depth=2, slug="home", content_type=ContentType.objects.get_for_model(Page)
    ).delete()
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Home", slug="home", live=False)
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    return published(home)


def make_reference_article(index, condition, disclaimer, sources):
    """A published, reviewed article: an overview section with three subsections, a
    comparison table whose first row is ``FIRST_ROW``, and a section on side effects."""
    body = ArticleBodyFactory(
        **{
            "0__section__heading": "Types of Immunotherapy for Multiple Myeloma",
            "0__section__body": rich_text("Several immunotherapies treat multiple myeloma."),
            "0__section__subsections__0__heading": "Cell-Based Therapies",
            "0__section__subsections__1__heading": "Protein-Based Therapies",
            "0__section__subsections__2__heading": "Combination Approaches",
            "1__comparison_table__caption": "Comparison of Immunotherapy Options",
            **{f"1__comparison_table__rows__0__{name}": cell for name, cell in FIRST_ROW.items()},
            "1__comparison_table__rows__1__treatment_type": "Protein-Based Therapy",
            "2__section__heading": "Side Effects",
            "2__section__body": rich_text("Side effects are usually mild and short-lived."),
        }
    )
    today = timezone.localdate()
    article = ArticlePage(
        title=ARTICLE_TITLE,
        slug=ARTICLE_SLUG,
        subtitle="Harnessing the immune system",
        summary="How immunotherapy treats multiple myeloma, and how the options compare.",
        intro="<p>Immunotherapy helps the immune system fight myeloma cells.</p>",
        condition=condition,
        body=body,
        disclaimer=disclaimer,
        last_reviewed=today,
        next_review_due=today + datetime.timedelta(days=365),
        live=False,
    )
    article.source_links = [
        ArticleSource(source=source, sort_order=i) for i, source in enumerate(sources)
    ]
    return published(index.add_child(instance=article))


def make_site():
    """What most tests start from, stated here rather than read from the demo seed: the
    site root, the article library, a published condition and default disclaimer, two
    trusted sources and one published article (``make_reference_article``)."""
    index = make_site_root().add_child(
        instance=ArticleIndexPage(
            title="Health articles",
            slug="health-articles",
            intro="<p>Medically reviewed articles.</p>",
            live=False,
        )
    )
    published(index)
    condition = published(
        Condition(
            name="Multiple myeloma",
            slug="multiple-myeloma",
            description="A cancer of plasma cells in the bone marrow.",
            live=False,
        )
    )
    disclaimer = published(
        Disclaimer(
            title="Medical disclaimer",
            body="<p>This article is for information only, not medical advice.</p>",
            is_default=True,
            live=False,
        )
    )
    sources = [
        TrustedSource.objects.create(name=name, url=url)
        for name, url in [
            (
                "American Cancer Society",
                "https://www.cancer.org/cancer/types/multiple-myeloma.html",
            ),
            ("National Institutes of Health", "https://www.cancer.gov/types/myeloma"),
        ]
    ]
    return make_reference_article(index, condition, disclaimer, sources)


def media_embeds(*media):
    """Rich text that embeds the given images and links the given documents."""
    from wagtail.documents import get_document_model

    html = []
    for item in media:
        if isinstance(item, get_document_model()):
            html.append(f'<p><a linktype="document" id="{item.pk}">{item.title}</a></p>')
        else:
            html.append(f'<embed alt="" embedtype="image" format="fullwidth" id="{item.pk}"/>')
    return "".join(html)


def use_in_published_article(*media, title="Illustrated article", publish=True):
    """An article whose intro shows ``media``: what makes media reach the API."""
    return make_article(title, intro=media_embeds(*media), publish=publish)


# --- Translations ------------------------------------------------------------------------


def translation(obj, language_code="es", **fields):
    """A draft translation of a page or snippet into another content language, as
    wagtail-localize creates one (``copy_for_translation``; a page's parents are translated
    too), with ``fields`` set. Publish it with ``published``."""
    locale = Locale.objects.get(language_code=language_code)
    if isinstance(obj, Page):
        copy = obj.copy_for_translation(locale, copy_parents=True)
    else:
        copy = obj.copy_for_translation(locale)
        if isinstance(copy, DraftStateMixin):
            copy.live = False
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    if isinstance(copy, RevisionMixin):
        copy.save_revision()
    return copy


# --- Translations ------------------------------------------------------------------------


def spanish_string(path, text):
    """What tests write as the Spanish of a translatable string: marked ``[es]``, except
    where the value must stay valid (a slug gets a prefix, a URL stays as it is)."""
    return {"slug": f"es-{text}", "url": text}.get(path, f"[es] {text}")


def store_spanish_strings(locale):
    """Set-up: every string wagtail-localize has extracted, translated into ``locale``
    (what the translation editor's string API stores when a translator types each one)."""
    for segment in StringSegment.objects.select_related("string", "context"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": spanish_string(segment.context.path, segment.string.data)},
        )
