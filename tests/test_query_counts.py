"""SQL per GraphQL request does not grow with the amount of content served.

A library of 100 full articles (seed-sized body, comparison table, sources, reviewer,
condition, disclaimer, internal page links in every rich-text field) is built once for the
module; each test then lists 1, 10 and 100 of them, or reads one, through every entry point
the README shows, and must stay within the same number of queries.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.models import ArticleIndexPage, ArticlePage

from .factories import make_full_article

ARTICLE_FIELDS = """
  id title subtitle summary intro url urlPath contentType
  condition { name slug description }
  lastReviewed nextReviewDue reviewer { name }
  sources { name url }
  disclaimer { title body }
  body {
    __typename
    ... on SectionBlock { id heading body subsections { id heading body } }
    ... on ComparisonTableBlock {
      id caption rows { id treatmentType mechanism administration commonSideEffects }
    }
  }
"""

LIST_QUERIES = {
    "articles (README listing)": """query($perPage: PositiveInt) {
      articles(page: 1, perPage: $perPage, order: TITLE_ASC) {
        items { id slug url title summary lastReviewed disclaimer { body } }
        pagination { total totalPages currentPage nextPage }
      }
    }""",
    "articles (full)": f"""query($perPage: PositiveInt) {{
      articles(page: 1, perPage: $perPage, order: TITLE_ASC) {{
        items {{ {ARTICLE_FIELDS} }}
        pagination {{ total totalPages currentPage nextPage }}
      }}
    }}""",
    "pages (full)": f"""query($perPage: PositiveInt) {{
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
    "page(slug:)": f"""query($slug: String!) {{
      page(slug: $slug) {{ id title url ... on ArticlePage {{ {ARTICLE_FIELDS} }} }}
    }}""",
}

SIZES = (1, 10, 100)


@pytest.fixture(scope="module")
def library(django_db_setup, django_db_blocker):
    """100 published full articles, built once and rolled back after the module."""
    from django.core.management import call_command

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=__import__("io").StringIO())
        reviewer = get_user_model().objects.create_user(
            "reviewer", first_name="Ada", last_name="Reviewer"
        )
        index = ArticleIndexPage.objects.get()
        articles = [
            make_full_article(
                f"Article {number:03d}", link_target=index, reviewer=reviewer, revision=False
            )
            for number in range(1, 101)
        ]
        yield articles
        transaction.set_rollback(True)


def count_queries(graphql, query, variables):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        data = graphql.execute(query, variables)
    return len(captured), data, captured


@pytest.mark.parametrize("name", LIST_QUERIES)
def test_listing_costs_the_same_for_1_10_and_100_articles(db, graphql, library, name):
    counts = {}
    for size in SIZES:
        counts[size], data, captured = count_queries(
            graphql, LIST_QUERIES[name], {"perPage": size}
        )
        print(name, size, counts[size])
        for q in captured.captured_queries[:60]:
            print("   ", q["sql"][:200])
    assert 0, counts
