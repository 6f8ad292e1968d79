"""The API per content language: ``locale:`` arguments, ``ArticlePage.locale`` and
``translations``, and the leak matrix: a Spanish translation nobody approved is served
nowhere, and no English article stands in for a Spanish one.

Translations are created as wagtail-localize creates them (``copy_for_translation``,
drafts); "published" ones are published through a revision as the factories publish.
"""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import ArticlePage, ArticleTombstone, Condition, Disclaimer

from .factories import published, translation

pytestmark = pytest.mark.django_db

ES_SLUG = "inmunoterapia-para-el-mieloma-multiple"
ES_TITLE = "Inmunoterapia para el mieloma múltiple"
DRAFT_WORD = "borradorsinrevisar"

ARTICLE = """query($slug: String, $id: ID, $locale: String) {
  article(slug: $slug, id: $id, locale: $locale) {
    id slug title locale language summary disclaimer { title }
    translations { locale url slug id title }
  }
}"""
ARTICLES = """query($locale: String) {
  articles(locale: $locale) { items { id slug locale } pagination { total } }
}"""
SEARCH = """query($q: String, $locale: String) {
  search(query: $q, locale: $locale) {
    __typename ... on ArticlePage { id } ... on Condition { name }
  }
}"""
CHANGES = """query($since: DateTime, $locale: String) {
  articleChanges(since: $since, locale: $locale) {
    changed { items { id locale } }
    removed { items { articleId locale url reason } }
  }
}"""


@pytest.fixture
def spanish_library(seed_article):
    """The Spanish versions of the seed article's disclaimer and condition, published."""
    disclaimer = published(
        translation(
            Disclaimer.objects.get(is_default=True),
            title="Aviso médico",
            body="<p>Este artículo es informativo y no sustituye el consejo médico.</p>",
        )
    )
    condition = published(
        translation(
            Condition.objects.get(slug="multiple-myeloma"),
            name="Mieloma múltiple",
            slug="mieloma-multiple",
        )
    )
    return disclaimer, condition


def spanish_article(seed_article, spanish_library, slug=ES_SLUG, **fields):
    """A draft Spanish translation of the seed article."""
    disclaimer, condition = spanish_library
    spanish = {
        "title": ES_TITLE,
        "slug": slug,
        "summary": "Cómo la inmunoterapia trata el mieloma múltiple.",
        "disclaimer": disclaimer,
        "condition": condition,
    }
    return translation(seed_article, **{**spanish, **fields})


@pytest.fixture
def draft_es(seed_article, spanish_library):
    return spanish_article(
        seed_article, spanish_library, summary=f"Texto {DRAFT_WORD} de tratamientos."
    )


@pytest.fixture
def live_es(seed_article, spanish_library):
    return published(spanish_article(seed_article, spanish_library))


def article(graphql, **variables):
    return graphql.execute(ARTICLE, variables)["article"]


def error_of(graphql, query, variables):
    response = graphql.post(query, variables)
    assert response.status_code == 200, response.content
    [error] = response.json()["errors"]
    return error


# --- Serving each language ---------------------------------------------------------------


def test_each_language_is_served_with_its_own_disclaimer(graphql, seed_article, live_es):
    english = article(graphql, slug=seed_article.slug)
    spanish = article(graphql, slug=ES_SLUG, locale="es")
    assert (english["id"], english["locale"], english["language"]) == (
        str(seed_article.pk),
        "en",
        "en",
    )
    assert (spanish["id"], spanish["title"], spanish["locale"], spanish["language"]) == (
        str(live_es.pk),
        ES_TITLE,
        "es",
        "es",
    )
    assert spanish["disclaimer"] == {"title": "Aviso médico"}
    assert article(graphql, slug=seed_article.slug, locale="en")["id"] == english["id"]


def test_translations_list_every_live_version_in_language_order(graphql, seed_article, live_es):
    expected = [
        {
            "locale": "en",
            "url": "/health-articles/immunotherapy-for-multiple-myeloma/",
            "slug": seed_article.slug,
            "id": str(seed_article.pk),
            "title": seed_article.title,
        },
        {
            "locale": "es",
            "url": f"/health-articles/{ES_SLUG}/",
            "slug": ES_SLUG,
            "id": str(live_es.pk),
            "title": ES_TITLE,
        },
    ]
    assert article(graphql, slug=seed_article.slug)["translations"] == expected
    assert article(graphql, slug=ES_SLUG, locale="es")["translations"] == expected

    live_es.unpublish()
    assert [t["locale"] for t in article(graphql, slug=seed_article.slug)["translations"]] == [
        "en"
    ]


def test_a_slug_in_two_languages_is_served_per_locale(graphql, seed_article, spanish_library):
    same_slug = published(spanish_article(seed_article, spanish_library, slug=seed_article.slug))
    assert article(graphql, slug=seed_article.slug)["id"] == str(seed_article.pk)
    assert article(graphql, slug=seed_article.slug, locale="es")["id"] == str(same_slug.pk)


def test_by_id_any_language_and_a_given_locale_must_match(graphql, seed_article, live_es):
    assert article(graphql, id=str(live_es.pk))["locale"] == "es"
    assert article(graphql, id=str(live_es.pk), locale="es")["id"] == str(live_es.pk)
    assert article(graphql, id=str(live_es.pk), locale="en") is None
    assert article(graphql, id=str(seed_article.pk), locale="es") is None


def test_listings_are_per_language(graphql, seed_article, live_es):
    english = graphql.execute(ARTICLES, {})["articles"]
    spanish = graphql.execute(ARTICLES, {"locale": "es"})["articles"]
    assert english["items"] == [
        {"id": str(seed_article.pk), "slug": seed_article.slug, "locale": "en"}
    ]
    assert spanish["items"] == [{"id": str(live_es.pk), "slug": ES_SLUG, "locale": "es"}]
    assert spanish["pagination"]["total"] == 1

    conditions = """query($locale: String) { conditions(locale: $locale) { name slug } }"""
    assert graphql.execute(conditions, {})["conditions"] == [
        {"name": "Multiple myeloma", "slug": "multiple-myeloma"}
    ]
    assert graphql.execute(conditions, {"locale": "es"})["conditions"] == [
        {"name": "Mieloma múltiple", "slug": "mieloma-multiple"}
    ]
    routes = """query($locale: String) { routes(locale: $locale) { url pageType locale } }"""
    spanish_routes = graphql.execute(routes, {"locale": "es"})["routes"]
    assert {"url": f"/health-articles/{ES_SLUG}/", "pageType": "ArticlePage", "locale": "es"} in (
        spanish_routes
    )
    english_routes = graphql.execute(routes, {})["routes"]
    assert {route["locale"] for route in english_routes} == {"en"}
    assert f"/health-articles/{ES_SLUG}/" not in {route["url"] for route in english_routes}


def test_a_language_with_no_translation_has_no_article(graphql, seed_article):
    """No fallback: the English article is never served for Spanish."""
    assert article(graphql, slug=seed_article.slug, locale="es") is None
    assert graphql.execute(ARTICLES, {"locale": "es"})["articles"]["items"] == []
    found = graphql.execute(SEARCH, {"q": "myeloma", "locale": "es"})["search"]
    assert found == []
    changes = graphql.execute(CHANGES, {"locale": "es"})["articleChanges"]
    assert changes["changed"]["items"] == []


@pytest.mark.parametrize(
    "query, variables",
    [
        (ARTICLE, {"slug": "x", "locale": "fr"}),
        (ARTICLE, {"id": "1", "locale": "EN-GB"}),
        (ARTICLES, {"locale": "fr"}),
        (SEARCH, {"q": "myeloma", "locale": "fr"}),
        (CHANGES, {"locale": "fr"}),
        ("query($locale: String) { conditions(locale: $locale) { name } }", {"locale": "de"}),
        ("query($locale: String) { routes(locale: $locale) { url } }", {"locale": ""}),
    ],
)
def test_a_language_not_configured_is_a_coded_error(graphql, seed_article, query, variables):
    error = error_of(graphql, query, variables)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == "locale must be one of the content languages: en, es."


# --- The leak matrix: a draft translation is served nowhere -------------------------------


def test_a_draft_translation_is_served_nowhere(graphql, seed_article, draft_es):
    assert not draft_es.live
    assert article(graphql, slug=ES_SLUG, locale="es") is None
    assert article(graphql, id=str(draft_es.pk)) is None
    assert graphql.execute(ARTICLES, {"locale": "es"})["articles"]["items"] == []
    assert graphql.execute(
        """query($slug: String) { page(slug: $slug) { id } }""", {"slug": ES_SLUG}
    ) == {"page": None}
    pages = graphql.execute("""{ pages(contentType: "articles.ArticlePage") { id } }""")
    assert str(draft_es.pk) not in {page["id"] for page in pages["pages"]}
    assert graphql.execute(SEARCH, {"q": DRAFT_WORD, "locale": "es"})["search"] == []
    assert [t["locale"] for t in article(graphql, slug=seed_article.slug)["translations"]] == [
        "en"
    ]
    changes = graphql.execute(CHANGES, {"locale": "es"})["articleChanges"]
    assert changes["changed"]["items"] == []
    since = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    changes = graphql.execute(CHANGES, {"since": since, "locale": "es"})["articleChanges"]
    assert changes["changed"]["items"] == []


def test_unapproved_changes_to_a_live_translation_are_not_served(graphql, seed_article, live_es):
    draft = ArticlePage.objects.get(pk=live_es.pk)
    draft.title = f"Título {DRAFT_WORD}"
    draft.summary = f"Resumen {DRAFT_WORD}."
    draft.save_revision()

    assert article(graphql, slug=ES_SLUG, locale="es")["title"] == ES_TITLE
    assert graphql.execute(SEARCH, {"q": DRAFT_WORD, "locale": "es"})["search"] == []
    titles = {t["title"] for t in article(graphql, slug=seed_article.slug)["translations"]}
    assert titles == {seed_article.title, ES_TITLE}


def test_search_is_restricted_to_the_language_asked_for(graphql, seed_article, live_es):
    english = graphql.execute(SEARCH, {"q": "myeloma"})["search"]
    assert {"__typename": "ArticlePage", "id": str(seed_article.pk)} in english
    assert str(live_es.pk) not in {hit.get("id") for hit in english}
    assert {"__typename": "Condition", "name": "Mieloma múltiple"} not in english
    spanish = graphql.execute(SEARCH, {"q": "inmunoterapia", "locale": "es"})["search"]
    assert spanish == [{"__typename": "ArticlePage", "id": str(live_es.pk)}]


# --- Incremental sync per language --------------------------------------------------------


def test_changes_and_tombstones_are_per_language(graphql, seed_article, live_es):
    since = (timezone.now() - datetime.timedelta(minutes=5)).isoformat()
    spanish = graphql.execute(CHANGES, {"since": since, "locale": "es"})["articleChanges"]
    assert spanish["changed"]["items"] == [{"id": str(live_es.pk), "locale": "es"}]

    live_es.unpublish()
    assert ArticleTombstone.objects.get(page_id=live_es.pk).locale == "es"
    spanish = graphql.execute(CHANGES, {"since": since, "locale": "es"})["articleChanges"]
    assert spanish["changed"]["items"] == []
    assert spanish["removed"]["items"] == [
        {
            "articleId": str(live_es.pk),
            "locale": "es",
            "url": f"/health-articles/{ES_SLUG}/",
            "reason": "UNPUBLISHED",
        }
    ]
    english = graphql.execute(CHANGES, {"since": since})["articleChanges"]
    assert english["removed"]["items"] == []


# --- Search in Spanish on PostgreSQL -------------------------------------------------------


@pytest.mark.parametrize(
    "query, text",
    [
        ("tratamientos", "Un tratamiento nuevo"),
        ("recomendaciones", "La recomendación del equipo médico"),
        ("inflamaciones", "Cuando hay inflamación"),
    ],
)
def test_spanish_words_are_matched_in_their_inflected_forms(
    graphql, seed_article, spanish_library, query, text
):
    """PostgreSQL stems Spanish with the "spanish" configuration (the English one would not
    match "recomendaciones" with "recomendación"). SQLite's FTS5 does not stem."""
    if connection.vendor != "postgresql":
        pytest.skip("stemming per language needs PostgreSQL: run with DATABASE_URL=postgres://...")
    spanish = published(spanish_article(seed_article, spanish_library, summary=text))
    found = graphql.execute(SEARCH, {"q": query, "locale": "es"})["search"]
    assert found == [{"__typename": "ArticlePage", "id": str(spanish.pk)}]
