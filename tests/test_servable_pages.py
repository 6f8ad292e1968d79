"""``delivery.visibility.servable_pages``: the same pages whether search will filter them
(conditions by primary key) or not (conditions on each row)."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from articles.models import ArticleIndexPage, ArticlePage
from delivery.visibility import servable_pages
from home.models import HomePage

from .factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_in_every_way(seed_article):
    """One servable article, and one article hidden for each reason."""
    hidden = {
        "expired": make_article("Expired"),
        "draft": make_article("Draft", publish=False),
        "private": make_article("Private"),
    }
    outside = Page.get_first_root_node().add_child(
        instance=HomePage(title="No site", slug="no-site")
    )
    index = outside.add_child(instance=ArticleIndexPage(title="Elsewhere", slug="elsewhere"))
    hidden["outside every site"] = make_article("Outside every site", parent=index)
    ArticlePage.objects.filter(pk=hidden["expired"].pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    PageViewRestriction.objects.create(
        page=hidden["private"], restriction_type="password", password="x"
    )
    return hidden


def test_searchable_or_not_the_same_pages(seed_article, hidden_in_every_way):
    for queryset in (Page.objects.all(), ArticlePage.objects.all()):
        direct = set(servable_pages(queryset).values_list("pk", flat=True))
        by_key = set(servable_pages(queryset, searchable=True).values_list("pk", flat=True))
        assert direct == by_key
        assert seed_article.pk in direct
        assert not direct & {page.pk for page in hidden_in_every_way.values()}


def test_no_entry_point_serves_an_article_outside_every_site(graphql, hidden_in_every_way):
    slug = hidden_in_every_way["outside every site"].slug
    data = graphql.execute(
        """query($slug: String!) {
          article(slug: $slug) { id }
          page(slug: $slug) { id }
          articles(perPage: 100) { items { slug } }
          pages(limit: 100) { slug }
          search(query: "Outside") { __typename }
          found: pages(searchQuery: "Outside") { slug }
        }""",
        {"slug": slug},
    )
    assert data["article"] is None and data["page"] is None
    assert slug not in str(data)
    assert data["search"] == [] and data["found"] == []
