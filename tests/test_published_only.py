"""Drafts never reach the API: only live, public pages and published snippet versions."""

import pytest
from wagtail.models import PageViewRestriction

from articles.models import ArticleIndexPage

from .factories import make_article, publish_condition

pytestmark = pytest.mark.django_db

ENTRY_POINTS = """query($slug: String!, $id: ID) {
  article(slug: $slug) { id }
  byId: article(id: $id) { id }
  page(slug: $slug) { id }
  pageById: page(id: $id) { id }
  pages { id title }
  articles(perPage: 100) { items { id title } pagination { total } }
}"""


def visible_ids(graphql, article):
    data = graphql.execute(ENTRY_POINTS, {"slug": article.slug, "id": article.pk})
    return {
        "article": data["article"],
        "byId": data["byId"],
        "page": data["page"],
        "pageById": data["pageById"],
        "pages": [p["id"] for p in data["pages"] if p["id"] == str(article.pk)],
        "articles": [a["id"] for a in data["articles"]["items"] if a["id"] == str(article.pk)],
    }


NOWHERE = {
    "article": None,
    "byId": None,
    "page": None,
    "pageById": None,
    "pages": [],
    "articles": [],
}


def test_never_published_draft_is_invisible(graphql, demo_content):
    draft = make_article("Draft on dosage", publish=False)
    assert visible_ids(graphql, draft) == NOWHERE


def test_unpublished_article_is_invisible(graphql, demo_content):
    article = make_article("Withdrawn article")
    article.unpublish()
    assert visible_ids(graphql, article) == NOWHERE


def test_private_article_is_invisible(graphql, demo_content):
    article = make_article("Staff only")
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    assert visible_ids(graphql, article) == NOWHERE


def test_draft_revision_of_a_live_article_is_not_served(graphql, seed_article):
    draft = seed_article.get_latest_revision_as_object()
    draft.title = "UNREVIEWED TITLE"
    draft.subtitle = "UNREVIEWED SUBTITLE"
    draft.body[1].value["rows"][0]["mechanism"] = "UNREVIEWED DOSAGE"
    draft.save_revision()

    query = """query($slug: String!) {
      article(slug: $slug) { title subtitle body { ... on ComparisonTableBlock { rows { mechanism } } } }
      page(slug: $slug) { title }
      articles { items { title } }
    }"""
    response = graphql.post(query, {"slug": seed_article.slug})
    assert "UNREVIEWED" not in response.content.decode()
    data = response.json()["data"]
    assert data["article"]["title"] == "Immunotherapy for Multiple Myeloma"
    assert data["article"]["body"][1]["rows"][0]["mechanism"].startswith("Modifies immune cells")


def test_draft_snippets_are_not_served(graphql, seed_article):
    from articles.models import Condition, Disclaimer

    Condition.objects.create(name="Draft condition", slug="draft-condition", live=False)
    Disclaimer.objects.create(title="Draft legal text", body="<p>unapproved</p>", live=False)
    response = graphql.post("{ snippets { __typename } conditions { slug } }")
    assert response.status_code == 200
    body = response.content.decode()
    assert "draft-condition" not in body
    data = response.json()["data"]
    assert len([s for s in data["snippets"] if s["__typename"] == "Disclaimer"]) == 1


def test_article_with_unpublished_disclaimer_falls_back_to_the_default(graphql, seed_article):
    from articles.models import Disclaimer

    draft_disclaimer = Disclaimer.objects.create(title="Unapproved", body="<p>x</p>", live=False)
    article = make_article("Uses a draft disclaimer", disclaimer=draft_disclaimer)
    data = graphql.execute(
        "query($id: ID) { article(id: $id) { disclaimer { title } } }", {"id": article.pk}
    )
    assert data["article"]["disclaimer"]["title"] == "Medical disclaimer"


def test_unpublished_condition_is_hidden_on_the_article(graphql, demo_content):
    condition = publish_condition("Anaemia", "anaemia")
    article = make_article("Anaemia and myeloma", condition=condition)
    condition.unpublish()
    data = graphql.execute(
        """query($id: ID) { article(id: $id) { condition { slug } }
           articles(condition: "anaemia") { items { id } } }""",
        {"id": article.pk},
    )
    assert data["article"]["condition"] is None
    assert data["articles"]["items"] == []


def test_parent_of_a_live_page_under_a_draft_is_hidden(graphql, demo_content):
    index = ArticleIndexPage.objects.get()
    index.unpublish()
    # Unpublishing the index leaves the article live; the unpublished parent is withheld.
    from articles.models import ArticlePage

    article = ArticlePage.objects.get()
    data = graphql.execute(
        "query($id: ID) { page(id: $id) { parent { id } } }", {"id": article.pk}
    )
    assert data["page"]["parent"] is None


def test_links_to_draft_pages_lose_their_href(graphql, seed_article):
    draft = make_article("Unreleased article", publish=False)
    seed_article.intro = f'<p><a linktype="page" id="{draft.pk}">coming soon</a></p>'
    seed_article.save_revision().publish()
    intro = graphql.execute(
        "query($slug: String!) { article(slug: $slug) { intro } }", {"slug": seed_article.slug}
    )["article"]["intro"]
    assert "<a>coming soon</a>" in intro
    assert "unreleased-article" not in intro


def test_links_to_private_pages_lose_their_href(graphql, seed_article):
    private = make_article("Staff memo")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    public = make_article("Open letter")
    seed_article.intro = (
        f'<p><a linktype="page" id="{private.pk}">memo</a> '
        f'<a linktype="page" id="{public.pk}">letter</a></p>'
    )
    seed_article.save_revision().publish()
    intro = graphql.execute(
        "query($slug: String!) { article(slug: $slug) { intro } }", {"slug": seed_article.slug}
    )["article"]["intro"]
    assert "<a>memo</a>" in intro
    assert '<a href="/health-articles/open-letter/">letter</a>' in intro
