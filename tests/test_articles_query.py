"""The paginated articles listing apps and static builds page through."""

import datetime

import pytest

from .factories import make_article, publish_condition

pytestmark = pytest.mark.django_db

LISTING = """query($page: Int, $perPage: Int, $condition: String, $order: ArticleOrder) {
  articles(page: $page, perPage: $perPage, condition: $condition, order: $order) {
    items { title lastReviewed }
    pagination { total count perPage currentPage prevPage nextPage totalPages }
  }
}"""


@pytest.fixture
def library(demo_content):
    anaemia = publish_condition("Anaemia", "anaemia")
    titles = ["Bone health", "Anaemia explained", "Clinical trials", "Diet and myeloma"]
    for days, title in enumerate(titles):
        make_article(
            title,
            condition=anaemia if title.startswith("Anaemia") else None,
            last_reviewed=datetime.date(2026, 1, 1) + datetime.timedelta(days=30 * days),
        )
    return titles


def test_pagination_with_totals(graphql, library):
    first = graphql.execute(LISTING, {"perPage": 2, "order": "TITLE_ASC"})["articles"]
    assert [a["title"] for a in first["items"]] == ["Anaemia explained", "Bone health"]
    assert first["pagination"] == {
        "total": 5,
        "count": 2,
        "perPage": 2,
        "currentPage": 1,
        "prevPage": None,
        "nextPage": 2,
        "totalPages": 3,
    }
    last = graphql.execute(LISTING, {"perPage": 2, "page": 3, "order": "TITLE_ASC"})["articles"]
    assert [a["title"] for a in last["items"]] == ["Immunotherapy for Multiple Myeloma"]
    assert last["pagination"]["nextPage"] is None
    assert last["pagination"]["prevPage"] == 2
    beyond = graphql.execute(LISTING, {"perPage": 2, "page": 9})["articles"]
    assert beyond["items"] == []
    assert beyond["pagination"]["total"] == 5


def test_filter_by_condition(graphql, library):
    data = graphql.execute(LISTING, {"condition": "anaemia"})["articles"]
    assert [a["title"] for a in data["items"]] == ["Anaemia explained"]
    assert data["pagination"]["total"] == 1
    assert graphql.execute(LISTING, {"condition": "no-such"})["articles"]["items"] == []


@pytest.mark.parametrize(
    ("order", "expected_first"),
    [
        ("TITLE_ASC", "Anaemia explained"),
        ("TITLE_DESC", "Immunotherapy for Multiple Myeloma"),
        ("PUBLISHED_DESC", "Diet and myeloma"),
        ("PUBLISHED_ASC", "Immunotherapy for Multiple Myeloma"),
        ("LAST_REVIEWED_ASC", "Bone health"),
        ("LAST_REVIEWED_DESC", "Immunotherapy for Multiple Myeloma"),
    ],
)
def test_orders_from_the_allow_list(graphql, library, order, expected_first):
    items = graphql.execute(LISTING, {"order": order})["articles"]["items"]
    assert items[0]["title"] == expected_first
    assert len(items) == 5


def test_unknown_order_is_a_graphql_error_without_internals(graphql, library):
    response = graphql.post(LISTING, {"order": "path"})
    assert response.status_code == 200  # legacy application/json: the operation did not run
    assert response.json()["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}
    message = response.json()["errors"][0]["message"]
    assert "ArticleOrder" in message
    assert "draft_title" not in message


def test_page_size_and_page_must_be_in_range(graphql, library):
    data = graphql.execute(LISTING, {"perPage": 100})["articles"]
    assert data["pagination"]["perPage"] == 100
    for variables, message in [
        ({"perPage": 10_000}, "perPage must be between 1 and 100; got 10000."),
        ({"perPage": 0}, "perPage must be between 1 and 100; got 0."),
        ({"page": 0}, "page must be 1 or more; got 0."),
    ]:
        errors = graphql.post(LISTING, variables).json()["errors"]
        assert errors[0]["message"] == message
        assert errors[0]["extensions"] == {"code": "BAD_USER_INPUT"}
