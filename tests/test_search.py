"""Full-text search over GraphQL, on whichever database the suite runs against.

Wagtail's database search backend picks the engine from the connection: PostgreSQL
full-text search on PostgreSQL, FTS5 on SQLite. Readers type words, not exact phrases.
"""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from articles.models import Condition

from .factories import make_article, publish_condition

pytestmark = pytest.mark.django_db

SEARCH = """query($q: String) {
  search(query: $q) { __typename ... on ArticlePage { id slug } }
}"""
PAGES = """query($q: String) {
  pages(searchQuery: $q) { id slug }
}"""
SLUG = "immunotherapy-for-multiple-myeloma"
READER_QUERIES = ["side effects", "protein-based", "Protein-Based therapies", "myeloma"]


def test_backend_is_the_full_text_engine_of_the_database():
    """Wagtail's engine for the database (on PostgreSQL, per language: see
    ``delivery.search_backend``)."""
    engines = {cls.__name__ for cls in type(get_search_backend()).__mro__}
    expected = {"postgresql": "PostgresSearchBackend", "sqlite": "SQLiteSearchBackend"}
    assert expected[connection.vendor] in engines


@pytest.mark.parametrize("query", READER_QUERIES)
def test_search_finds_the_seed_article(graphql, seed_article, query):
    results = graphql.execute(SEARCH, {"q": query})["search"]
    assert {"__typename": "ArticlePage", "id": str(seed_article.pk), "slug": SLUG} in results


@pytest.mark.parametrize("query", READER_QUERIES)
def test_pages_search_query_finds_the_seed_article(graphql, seed_article, query):
    pages = graphql.execute(PAGES, {"q": query})["pages"]
    assert {"id": str(seed_article.pk), "slug": SLUG} in pages


def test_words_not_in_any_article_find_nothing(graphql, seed_article):
    assert graphql.execute(PAGES, {"q": "osteoporosis"})["pages"] == []
    search = graphql.execute(SEARCH, {"q": "osteoporosis"})["search"]
    assert [r for r in search if r["__typename"] == "ArticlePage"] == []


def test_search_does_not_return_unpublished_articles(graphql, seed_article):
    draft = make_article("Draft on myeloma side effects", publish=False)
    withdrawn = make_article("Withdrawn myeloma side effects")
    withdrawn.unpublish()

    searched = graphql.execute(SEARCH, {"q": "side effects"})["search"]
    pages = graphql.execute(PAGES, {"q": "side effects"})["pages"]

    hidden = {str(draft.pk), str(withdrawn.pk)}
    assert hidden.isdisjoint(r.get("id") for r in searched)
    assert hidden.isdisjoint(p["id"] for p in pages)
    assert str(seed_article.pk) in {p["id"] for p in pages}


def test_search_returns_published_conditions_only(graphql, seed_article):
    query = """query($q: String) { search(query: $q) { ... on Condition { name } } }"""
    publish_condition("Amyloidosis", "amyloidosis")
    Condition.objects.create(name="Amyloidosis draft", slug="amyloidosis-draft", live=False)

    names = [r["name"] for r in graphql.execute(query, {"q": "amyloidosis"})["search"] if r]
    assert names == ["Amyloidosis"]
