"""Builds the demo site from the seed article, and its Spanish demo translation. Every step
creates what is missing and leaves existing content alone, so loading twice changes
nothing and never overwrites an editor's work.

The Spanish version of each page and snippet is a translation of the English one
(``copy_for_translation``: same ``translation_key``), published with its own review stamp.
Its text was written for the demo; it is not medically reviewed Spanish content.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Locale, Page, Site

from editorial.models import review_dates
from home.models import HomePage

from ..importing.building import article_body, paragraphs_html
from ..models import (
    ArticleIndexPage,
    ArticlePage,
    ArticleSource,
    Condition,
    Disclaimer,
    TrustedSource,
)
from .seed import load_seed_article

ARTICLE_SLUG = "immunotherapy-for-multiple-myeloma"
SUMMARY = (
    "How immunotherapy treats multiple myeloma: cell-based, protein-based and combination "
    "approaches compared by mechanism, administration and common side effects."
)
CONDITION = {
    "name": "Multiple myeloma",
    "slug": "multiple-myeloma",
    "description": "A cancer of plasma cells in the bone marrow.",
}
TRUSTED_SOURCES = [
    ("American Cancer Society", "https://www.cancer.org/cancer/types/multiple-myeloma.html"),
    ("National Institutes of Health", "https://www.cancer.gov/types/myeloma"),
]


@dataclass(frozen=True)
class DemoTranslation:
    """What the demo writes in a language other than English, each item the translation of
    its English counterpart above (sources in the same order as ``TRUSTED_SOURCES``)."""

    language_code: str
    home_title: str
    index: dict
    article_slug: str
    summary: str
    condition: dict
    disclaimer_title: str
    trusted_sources: list[tuple[str, str]]


SPANISH = DemoTranslation(
    language_code="es",
    home_title="Inicio",
    index={
        "title": "Artículos de salud",
        "slug": "articulos-de-salud",
        "intro": "<p>Artículos sobre enfermedades y tratamientos, revisados por profesionales "
        "médicos.</p>",
    },
    article_slug="inmunoterapia-para-el-mieloma-multiple",
    summary=(
        "Cómo trata la inmunoterapia el mieloma múltiple: los enfoques celulares, los basados "
        "en proteínas y los combinados, comparados por mecanismo, administración y efectos "
        "secundarios frecuentes."
    ),
    condition={
        "name": "Mieloma múltiple",
        "slug": "mieloma-multiple",
        "description": "Un cáncer de las células plasmáticas de la médula ósea.",
    },
    disclaimer_title="Aviso médico",
    # The organisations' own pages in Spanish.
    trusted_sources=[
        (
            "Sociedad Americana Contra El Cáncer",
            "https://www.cancer.org/es/cancer/tipos/mieloma-multiple.html",
        ),
        ("Institutos Nacionales de la Salud", "https://www.cancer.gov/espanol/tipos/mieloma"),
    ],
)


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def record(self, label, created):
        (self.created if created else self.unchanged).append(label)


def publish(obj):
    revision = obj.save_revision()
    revision.publish()
    obj.refresh_from_db()
    return obj


def ensure_home_page(report):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        report.record("home page", created=False)
        return site.root_page.specific
    root = Page.get_first_root_node()
    # Wagtail's install creates a plain "Welcome" page as the site root: replace it.
    placeholder = Page.objects.filter(
        depth=2, slug="home", numchild=0, content_type=ContentType.objects.get_for_model(Page)
    ).first()
    if placeholder:
        placeholder.delete()
    home = root.add_child(instance=HomePage(title="Home", slug="home", live=False))
    publish(home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    report.record("home page", created=True)
    return home


def ensure_article_index(home, report):
    index = ArticleIndexPage.objects.child_of(home).first()
    if index:
        report.record("article index", created=False)
        return index
    index = home.add_child(
        instance=ArticleIndexPage(
            title="Health articles",
            slug="health-articles",
            intro="<p>Medically reviewed articles on conditions and treatments.</p>",
            live=False,
        )
    )
    report.record("article index", created=True)
    return publish(index)


def save_published(obj):
    """Save the new ``obj`` and publish it as the system (no user), or give a model without
    draft states its first revision."""
    if hasattr(obj, "live"):
        obj.live = False
        obj.save()
        return publish(obj)
    obj.save()
    obj.save_revision()
    return obj


def ensure_snippet(model, lookup, defaults, report, label):
    obj = model.objects.filter(**lookup).first()
    if obj:
        report.record(label, created=False)
        return obj
    report.record(label, created=True)
    return save_published(model(**lookup, **defaults))


def review_stamp(reviewer):
    """An article's review fields for a medical review finished today by ``reviewer``."""
    last_reviewed, next_review_due = review_dates()
    return {
        "last_reviewed": last_reviewed,
        "next_review_due": next_review_due,
        "reviewer": reviewer,
    }


def ensure_article(index, seed, condition, disclaimer, sources, report, reviewer=None):
    """The seed article, published as reviewed today by ``reviewer``."""
    article = ArticlePage.objects.filter(slug=ARTICLE_SLUG, locale=index.locale_id).first()
    if article:
        report.record(f"article '{article.title}'", created=False)
        return article
    article = ArticlePage(
        title=seed.title,
        slug=ARTICLE_SLUG,
        subtitle=seed.subtitle,
        summary=SUMMARY,
        intro=paragraphs_html(seed.intro),
        condition=condition,
        body=article_body(seed, TRUSTED_SOURCES),
        disclaimer=disclaimer,
        **review_stamp(reviewer),
        live=False,
    )
    article.source_links = [
        ArticleSource(source=source, sort_order=i) for i, source in enumerate(sources)
    ]
    index.add_child(instance=article)
    report.record(f"article '{article.title}'", created=True)
    return publish(article)


# --- Translations ----------------------------------------------------------------------


def ensure_translation(original, locale, values, report, label):
    """The translation of the page or snippet ``original`` into ``locale``: created with
    ``copy_for_translation`` (same translation key) and ``values`` set, then published, if
    it does not exist; left as it is if it does."""
    existing = original.get_translation_or_none(locale)
    if existing is not None:
        report.record(label, created=False)
        return existing.specific if isinstance(existing, Page) else existing
    translation = original.copy_for_translation(locale)
    for name, value in values.items():
        setattr(translation, name, value)
    report.record(label, created=True)
    if isinstance(translation, Page):
        translation.save()  # the copy is a draft; saving a new slug updates its URL path
        return publish(translation)
    return save_published(translation)


def same_block_ids(original, translated):
    """Give the blocks of ``translated`` (a stream's raw data) the ids of ``original``'s,
    position by position, nested lists included: the two versions of a section, subsection
    or table row share an id, as in a translation made in wagtail-localize's editor."""
    if isinstance(original, list) and isinstance(translated, list):
        if len(original) != len(translated):
            raise ValueError("the translation's structure differs from the original's")
        for source, target in zip(original, translated, strict=True):
            same_block_ids(source, target)
    elif isinstance(original, dict) and isinstance(translated, dict):
        if "id" in original and "id" in translated:
            translated["id"] = original["id"]
        for key, value in translated.items():
            if key != "id" and key in original:
                same_block_ids(original[key], value)
    return translated


def translated_body(article, seed, sources):
    """The body of ``seed`` (its trusted sources linked where named) with the block ids of
    ``article``'s, so that each block is the translation of the original's."""
    body = article_body(seed, sources)
    return same_block_ids(article.body.get_prep_value(), body.get_prep_value())


def ensure_spanish_translation(home, index, article, library, report, reviewer=None):
    """The Spanish demo translation of the site, the library and the seed article (the
    article published as reviewed today by ``reviewer``), or ``None`` when Spanish is not
    a content language."""
    spanish = Locale.objects.filter(language_code=SPANISH.language_code).first()
    if spanish is None:
        return None
    seed = load_seed_article(SPANISH.language_code)
    condition, disclaimer, sources = library
    condition = ensure_translation(
        condition, spanish, SPANISH.condition, report, f"condition '{SPANISH.condition['name']}'"
    )
    disclaimer = ensure_translation(
        disclaimer,
        spanish,
        {"title": SPANISH.disclaimer_title, "body": paragraphs_html([seed.disclaimer])},
        report,
        "default disclaimer (es)",
    )
    sources = [
        ensure_translation(source, spanish, {"name": name, "url": url}, report, f"source '{name}'")
        for source, (name, url) in zip(sources, SPANISH.trusted_sources, strict=True)
    ]
    ensure_translation(home, spanish, {"title": SPANISH.home_title}, report, "home page (es)")
    ensure_translation(index, spanish, SPANISH.index, report, "article index (es)")
    translation = {
        "title": seed.title,
        "slug": SPANISH.article_slug,
        "subtitle": seed.subtitle,
        "summary": SPANISH.summary,
        "intro": paragraphs_html(seed.intro),
        "condition": condition,
        "body": translated_body(article, seed, SPANISH.trusted_sources),
        "disclaimer": disclaimer,
        **review_stamp(reviewer),
        "source_links": [
            ArticleSource(source=source, sort_order=i, locale=spanish)
            for i, source in enumerate(sources)
        ],
    }
    return ensure_translation(article, spanish, translation, report, f"article '{seed.title}'")


@transaction.atomic
def load_demo_content(progress=lambda message: None, reviewer=None):
    """The demo site; the seed article and its Spanish translation are stamped as reviewed
    today by ``reviewer``. Returns the report and the seed article's versions, English
    first."""
    report = LoadReport()
    seed = load_seed_article()
    progress("site root")
    home = ensure_home_page(report)
    progress("article index")
    index = ensure_article_index(home, report)
    progress("condition, disclaimer and trusted sources")
    condition = ensure_snippet(
        Condition,
        {"slug": CONDITION["slug"], "locale_id": home.locale_id},
        {"name": CONDITION["name"], "description": CONDITION["description"]},
        report,
        "condition 'Multiple myeloma'",
    )
    disclaimer = ensure_snippet(
        Disclaimer,
        {"is_default": True, "locale_id": home.locale_id},
        {"title": "Medical disclaimer", "body": paragraphs_html([seed.disclaimer])},
        report,
        "default disclaimer",
    )
    sources = [
        ensure_snippet(
            TrustedSource,
            {"name": name, "locale_id": home.locale_id},
            {"url": url},
            report,
            f"source '{name}'",
        )
        for name, url in TRUSTED_SOURCES
    ]
    progress("seed article")
    article = ensure_article(index, seed, condition, disclaimer, sources, report, reviewer)
    progress("Spanish demo translation")
    library = (condition, disclaimer, sources)
    translation = ensure_spanish_translation(home, index, article, library, report, reviewer)
    return report, [article] + ([translation] if translation else [])
