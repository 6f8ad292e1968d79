"""SQL per GraphQL request does not grow with the amount of content served.

A library of 100 full articles (seed-sized body, comparison table, sources, reviewer,
condition, disclaimer, internal page links in every rich-text field) is built once for the
module; each test then lists 1, 10 and 100 of them, or reads one, through every entry point
the README shows, and must stay within the same number of queries.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from articles.models import ArticleIndexPage, PublisherSettings
from articles.structured_data import LOGO_FILTER

from .factories import make_full_article, make_site

ARTICLE_FIELDS = """
  id title subtitle summary intro url urlPath contentType
  condition { name slug description }
  lastReviewed nextReviewDue reviewer { name }
  sources { name url }
  disclaimer { title body }
  structuredData
  readability { gradeLevel readingEase readingTimeMinutes }
  body {
    __typename
    ... on SectionBlock { id heading body subsections { id heading body } }
    ... on ComparisonTableBlock {
      id caption rows { id treatmentType mechanism administration commonSideEffects }
    }
  }
"""

LIST_QUERIES = {
    "articles (README listing)": """query($perPage: Int) {
      articles(page: 1, perPage: $perPage, order: TITLE_ASC) {
        items { id slug url title summary lastReviewed disclaimer { body } }
        pagination { total totalPages currentPage nextPage }
      }
    }""",
    "articles (full)": f"""query($perPage: Int) {{
      articles(page: 1, perPage: $perPage, order: TITLE_ASC) {{
        items {{ {ARTICLE_FIELDS} }}
        pagination {{ total totalPages currentPage nextPage }}
      }}
    }}""",
    "articles (locale:, translations)": """query($perPage: Int) {
      articles(page: 1, perPage: $perPage, order: TITLE_ASC, locale: "en") {
        items { id slug url title locale translations { locale url slug id title } }
        pagination { total totalPages currentPage nextPage }
      }
    }""",
    "pages (full)": f"""query($perPage: Int) {{
      pages(contentType: "articles.ArticlePage", limit: $perPage, order: "title") {{
        id title url
        ... on ArticlePage {{ {ARTICLE_FIELDS} }}
      }}
    }}""",
}

DETAIL_QUERIES = {
    "article(slug:)": f"""query($slug: String!) {{
      article(slug: $slug) {{ {ARTICLE_FIELDS} }}
    }}""",
    "article(slug:, locale:) with translations": f"""query($slug: String!) {{
      article(slug: $slug, locale: "en") {{
        {ARTICLE_FIELDS} locale translations {{ locale url slug id title }}
      }}
    }}""",
    "page(slug:)": f"""query($slug: String!) {{
      page(slug: $slug) {{ id title url ... on ArticlePage {{ {ARTICLE_FIELDS} }} }}
    }}""",
}

SIZES = (1, 10, 100)


@pytest.fixture(scope="module")
def library(django_db_setup, django_db_blocker):
    """100 published full articles, built once and rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        make_site()
        reviewer = get_user_model().objects.create_user(
            "reviewer", first_name="Ada", last_name="Reviewer"
        )
        index = ArticleIndexPage.objects.get()
        logo = Image.objects.create(title="Logo", file=get_test_image_file(size=(300, 100)))
        logo.get_rendition(LOGO_FILTER)  # made once, on first use: not the cost measured
        PublisherSettings.objects.create(
            site=Site.objects.get(), name="Health Publisher", url="https://example.org", logo=logo
        )
        articles = [
            make_full_article(
                f"Article {number:03d}", link_target=index, reviewer=reviewer, revision=False
            )
            for number in range(1, 101)
        ]
        yield articles
        transaction.set_rollback(True)


# The queries each entry point takes, whatever the number of articles it serves.
# articles: view restrictions, count, articles (with condition, disclaimer and reviewer
# joined), sources, the sites' root paths, and rich-text link targets when rich text is
# asked for. article: the same minus the count. Grapple's pages/page cost the same as
# article, with every page type's table joined (delivery.specific): no count, no second
# fetch of the specific pages, no query per relation. The full queries ask for
# structuredData too: four more, once per request (the sites with their publisher
# settings, the collections' view restrictions, the logo, its rendition); readability is computed from the rows, with no SQL.
# With content languages (WAGTAIL_I18N_ENABLED), reading the sites' root paths takes one
# more query per site (Wagtail lists each root page's translations).
# ``locale:`` costs nothing (a join on the locale's code); ``translations`` one query for
# the whole batch (articles.delivery.TranslationBatch).
BUDGET = {
    "articles (README listing)": 6,
    "articles (locale:, translations)": 7,
    "articles (full)": 11,
    "pages (full)": 10,
    "article(slug:)": 10,
    "article(slug:, locale:) with translations": 11,
    "page(slug:)": 10,
}


def queries_for(graphql, query, variables, django_assert_max_num_queries, budget):
    """SQL to resolve the query, with no response cache in front of it (its own cost, 0
    on a hit and at most one expiry lookup per content change, is tested with it)."""
    cache.clear()  # nothing fetched before: not even the sites' root paths
    with (
        override_settings(
            GRAPHQL_RESPONSE_CACHE={**settings.GRAPHQL_RESPONSE_CACHE, "ENABLED": False}
        ),
        django_assert_max_num_queries(budget) as captured,
    ):
        data = graphql.execute(query, variables)
    return len(captured), data


@pytest.mark.parametrize("name", LIST_QUERIES)
def test_listing_costs_the_same_for_1_10_and_100_articles(
    db, graphql, library, name, django_assert_max_num_queries
):
    counts = {}
    for size in SIZES:
        counts[size], data = queries_for(
            graphql,
            LIST_QUERIES[name],
            {"perPage": size},
            django_assert_max_num_queries,
            BUDGET[name],
        )
        items = data["articles"]["items"] if "articles" in data else data["pages"]
        assert len(items) == size
    assert set(counts.values()) == {BUDGET[name]}, counts


@pytest.mark.parametrize("name", DETAIL_QUERIES)
def test_one_full_article_costs_the_same_with_1_10_and_100_published(
    db, graphql, library, name, django_assert_max_num_queries
):
    counts = {}
    for size in SIZES:
        article = library[size - 1]
        counts[size], data = queries_for(
            graphql,
            DETAIL_QUERIES[name],
            {"slug": article.slug},
            django_assert_max_num_queries,
            BUDGET[name],
        )
        served = data["article"] if "article" in data else data["page"]
        assert served["title"] == article.title
        assert len(served["body"]) == len(article.body)
    assert set(counts.values()) == {BUDGET[name]}, counts


def test_rich_text_links_are_expanded_from_the_batch(db, graphql, library):
    """The batch changes how link targets are fetched, not what the links say."""
    data = graphql.execute(LIST_QUERIES["articles (full)"], {"perPage": 2})
    for article in data["articles"]["items"]:
        assert '<a href="/health-articles/">Health articles</a>' in article["intro"]
        section = next(b for b in article["body"] if b["__typename"] == "SectionBlock")
        assert '<a href="/health-articles/">' in section["body"]
        assert article["reviewer"] == {"name": "Ada Reviewer"}
        assert '"name": "Health Publisher"' in article["structuredData"]
        assert [s["name"] for s in article["sources"]] == [
            "American Cancer Society",
            "National Institutes of Health",
        ]
