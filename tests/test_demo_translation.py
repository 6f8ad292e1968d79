"""The Spanish demo translation ``load_demo_content`` creates: the seed article, its
disclaimer, condition and trusted sources in Spanish, each a published translation of the
English original (same translation key), with its own review stamp; served over HTTP."""

import html
import io
import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from articles.demo.loader import SPANISH
from articles.demo.seed import load_seed_article
from articles.importing.building import paragraphs_html, plain_text
from articles.models import ArticlePage, Condition, Disclaimer, TrustedSource
from delivery.schema import schema
from editorial.review_tools import last_medical_approval

from .factories import ARTICLE_SLUG

pytestmark = pytest.mark.django_db

SPANISH_SLUG = SPANISH.article_slug
SERVED = """
query Served($id: ID!) {
  page(id: $id) {
    ... on ArticlePage {
      title language condition { name slug } reviewer { name } sources { name url }
      disclaimer { title body }
      body { ... on SectionBlock { heading body } }
    }
  }
}
"""


@pytest.fixture
def versions(seed_file_site):
    """The seed article's English and Spanish versions."""
    return (
        ArticlePage.objects.get(slug=ARTICLE_SLUG, locale__language_code="en"),
        ArticlePage.objects.get(slug=SPANISH_SLUG, locale__language_code="es"),
    )


def texts(article):
    """Every text of the article's body, in order, as (where, plain text)."""
    for block in article.body:
        value = block.value
        if block.block_type == "section":
            yield "section heading", value["heading"]
            yield "section body", plain_text(value["body"].source)
            for sub in value["subsections"]:
                yield "subsection heading", sub["heading"]
                yield "subsection body", plain_text(sub["body"].source)
        else:
            yield "caption", value["caption"]
            for row in value["rows"]:
                yield from row.items()


def test_the_second_load_creates_nothing():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "14 created, 0 unchanged" in out.getvalue()
    assert "… Spanish demo translation" in out.getvalue()  # progress
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "0 created, 14 unchanged" in out.getvalue()
    assert f"{SPANISH_SLUG} (es)" in out.getvalue()
    assert ArticlePage.objects.count() == 2
    assert Disclaimer.objects.filter(is_default=True).count() == 2


def test_every_spanish_version_is_a_published_translation(versions):
    english, spanish = versions
    assert spanish.translation_key == english.translation_key
    assert spanish.live and not spanish.has_unpublished_changes
    assert spanish.get_parent().specific.title == "Artículos de salud"
    assert spanish.get_parent().get_parent().specific.title == "Inicio"
    assert spanish.get_parent().translation_key == english.get_parent().translation_key
    es = Locale.objects.get(language_code="es")
    pairs = [
        (english.condition, spanish.condition),
        (english.disclaimer, spanish.disclaimer),
        *zip(english.ordered_sources, spanish.ordered_sources, strict=True),
    ]
    for original, translation in pairs:
        assert translation.locale == es, translation
        assert translation.translation_key == original.translation_key, translation
        assert translation.live and translation.live_revision_id, translation
    assert spanish.condition.name == "Mieloma múltiple"
    assert spanish.disclaimer.is_default and spanish.disclaimer.title == "Aviso médico"
    assert Disclaimer.served_default(es.pk) == spanish.disclaimer
    assert [(s.name, s.url) for s in spanish.ordered_sources] == SPANISH.trusted_sources
    assert {link.locale_id for link in spanish.source_links.all()} == {es.pk}


def test_the_spanish_article_is_reviewed_on_its_own(versions):
    _english, spanish = versions
    assert spanish.reviewer.get_full_name() == "Dr Riley Reviewer"
    assert spanish.last_reviewed and spanish.next_review_due > spanish.last_reviewed
    approval = last_medical_approval(spanish)
    assert approval is not None and approval.revision_id == spanish.live_revision_id


def test_every_section_and_table_row_is_in_spanish(versions):
    english, spanish = versions
    seed = load_seed_article("es")
    assert (spanish.title, spanish.subtitle) == (seed.title, seed.subtitle)
    assert spanish.intro == paragraphs_html(seed.intro)
    original, translated = list(texts(english)), list(texts(spanish))
    assert [where for where, _ in translated] == [where for where, _ in original]
    for (where, english_text), (_, spanish_text) in zip(original, translated, strict=True):
        assert spanish_text.strip(), where
        assert spanish_text != english_text, (where, spanish_text)
    rows = [block.value["rows"] for block in spanish.body if block.block_type != "section"]
    assert [row["treatment_type"] for row in rows[0]] == [
        "Terapia celular",
        "Terapia basada en proteínas",
        "Terapia combinada",
    ]
    # The same block ids, so wagtail-localize's segments of the two versions line up.
    assert block_ids(spanish.body.get_prep_value()) == block_ids(english.body.get_prep_value())


def block_ids(raw):
    return re.findall(r"'id': '([^']+)'", str(raw))


def test_served_over_http_with_its_spanish_disclaimer_and_sources(graphql, versions):
    _english, spanish = versions
    served = graphql.execute(SERVED, {"id": str(spanish.pk)})["page"]
    assert served["title"] == "Inmunoterapia para el mieloma múltiple"
    assert served["language"] == "es"
    assert served["condition"] == {"name": "Mieloma múltiple", "slug": "mieloma-multiple"}
    assert served["reviewer"] == {"name": "Dr Riley Reviewer"}
    assert [(s["name"], s["url"]) for s in served["sources"]] == SPANISH.trusted_sources
    assert served["disclaimer"]["title"] == "Aviso médico"
    disclaimer = html.unescape(served["disclaimer"]["body"])
    assert disclaimer.startswith("<p>El contenido de los artículos")
    assert served["body"][0]["heading"] == "Tipos de inmunoterapia para el mieloma múltiple"
    future = served["body"][-1]
    assert 'href="https://www.cancer.gov/espanol/tipos/mieloma"' in future["body"]


def has_locale_argument():
    """Whether the API's ``article`` query takes ``locale`` (branch ``l10n-api``)."""
    field = schema.graphql_schema.query_type.fields["article"]
    return "locale" in field.args


@pytest.mark.skipif(not has_locale_argument(), reason="article(locale:) is not merged yet")
def test_article_by_slug_and_locale(graphql, versions):
    english, spanish = versions
    query = """
    query Article($slug: String!, $locale: String) {
      article(slug: $slug, locale: $locale) {
        id title locale disclaimer { title } sources { name }
        translations { locale slug url id title }
      }
    }
    """
    served = graphql.execute(query, {"slug": SPANISH_SLUG, "locale": "es"})["article"]
    assert served["id"] == str(spanish.pk) and served["locale"] == "es"
    assert served["disclaimer"] == {"title": "Aviso médico"}
    assert [s["name"] for s in served["sources"]] == [n for n, _ in SPANISH.trusted_sources]
    assert {t["locale"]: t["slug"] for t in served["translations"]} == {
        "en": ARTICLE_SLUG,
        "es": SPANISH_SLUG,
    }
    # The English slug in Spanish: no such Spanish article, and no English fallback.
    assert graphql.execute(query, {"slug": ARTICLE_SLUG, "locale": "es"})["article"] is None


def test_conditions_and_sources_per_language(versions):
    assert Condition.objects.filter(slug="mieloma-multiple", locale__language_code="es").exists()
    assert TrustedSource.objects.filter(locale__language_code="es").count() == 2
