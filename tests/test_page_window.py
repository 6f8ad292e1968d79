"""``delivery.paging.page_of``: the rows of a slice, chosen by key, in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.queries import ORDERINGS, published_articles
from delivery.paging import page_of

from .factories import make_article

pytestmark = pytest.mark.django_db


def test_the_same_rows_in_the_same_order_as_a_slice(seed_article):
    for number, title in enumerate(["Bone health", "anaemia", "Zinc", "Bone health"]):
        make_article(title, slug=f"article-{number}")
    for ordering in ORDERINGS.values():
        articles = published_articles().order_by(*ordering)
        for start, stop in ((0, 2), (2, 4), (4, 6), (0, 100), (9, 12)):
            with CaptureQueriesContext(connection) as queries:
                window = page_of(articles, start, stop)
            expected = list(articles[start:stop])
            assert [a.pk for a in window] == [a.pk for a in expected]
            if window:
                # one query for the rows (with their relations), one to prefetch sources
                assert len(queries) == 2
                assert window[0].condition.slug == expected[0].condition.slug
