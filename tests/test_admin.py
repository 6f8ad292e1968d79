"""The Wagtail admin, driven over HTTP as an editor would."""

import pytest
from django.contrib.auth import get_user_model

from articles.models import ArticleIndexPage, Disclaimer
from home.models import HomePage

from .admin_forms import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, demo_content):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(user)
    return client


def test_publishing_an_incomplete_row_is_a_form_error(admin_client, seed_article):
    rows = [{"administration": ""}]
    response = admin_client.post(
        f"/admin/pages/{seed_article.pk}/edit/",
        {**article_form(seed_article, rows), "action-publish": "action-publish"},
    )
    assert response.status_code == 200  # the form again, not a redirect or a 500
    assert b"Administration is required" in response.content
    seed_article.refresh_from_db()
    assert seed_article.body[1].value["rows"][0]["administration"] == "Intravenous infusion"


def test_publishing_an_edited_row_through_the_admin(admin_client, seed_article, graphql):
    rows = [{"common_side_effects": "Fever, fatigue, low blood counts"}]
    response = admin_client.post(
        f"/admin/pages/{seed_article.pk}/edit/",
        {**article_form(seed_article, rows), "action-publish": "action-publish"},
    )
    assert response.status_code == 302, response.content[:2000]
    data = graphql.execute(
        """{ article(slug: "immunotherapy-for-multiple-myeloma") {
               body { ... on ComparisonTableBlock { rows { commonSideEffects } } } } }"""
    )
    assert data["article"]["body"][1]["rows"] == [
        {"commonSideEffects": "Fever, fatigue, low blood counts"}
    ]


def test_a_new_article_may_be_saved_as_an_incomplete_draft(admin_client, seed_article):
    index = seed_article.get_parent()
    data = article_form(seed_article, [{"mechanism": ""}])
    data.update({"title": "New draft", "slug": "new-draft"})
    response = admin_client.post(f"/admin/pages/add/articles/articlepage/{index.pk}/", data)
    assert response.status_code == 302
    from articles.models import ArticlePage

    draft = ArticlePage.objects.get(slug="new-draft")
    assert not draft.live


def test_a_draft_may_be_saved_incomplete(admin_client, seed_article):
    rows = [{"mechanism": ""}]
    response = admin_client.post(
        f"/admin/pages/{seed_article.pk}/edit/", article_form(seed_article, rows)
    )
    assert response.status_code == 302
    seed_article.refresh_from_db()
    draft = seed_article.get_latest_revision_as_object()
    assert draft.body[1].value["rows"][0]["mechanism"] == ""


def test_deleting_a_disclaimer_in_use_is_refused(admin_client, seed_article):
    disclaimer = Disclaimer.objects.get(is_default=True)
    url = f"/admin/snippets/articles/disclaimer/delete/{disclaimer.pk}/"
    page = admin_client.get(url)
    assert page.status_code == 200
    assert (
        b"One or more references to this disclaimer prevent it from being deleted" in page.content
    )
    response = admin_client.post(url)
    assert response.status_code == 302
    assert Disclaimer.objects.filter(pk=disclaimer.pk).exists()


def test_an_unused_disclaimer_can_be_deleted(admin_client):
    unused = Disclaimer.objects.create(title="Old wording", body="<p>x</p>")
    response = admin_client.post(f"/admin/snippets/articles/disclaimer/delete/{unused.pk}/")
    assert response.status_code == 302
    assert not Disclaimer.objects.filter(pk=unused.pk).exists()


def test_articles_cannot_be_added_outside_the_index(admin_client):
    home = HomePage.objects.get()
    response = admin_client.get(f"/admin/pages/add/articles/articlepage/{home.pk}/", follow=True)
    assert response.redirect_chain[0][1] == 302
    assert b"Sorry, you do not have permission to access this area." in response.content
    index = ArticleIndexPage.objects.get()
    response = admin_client.get(f"/admin/pages/add/articles/articlepage/{index.pk}/")
    assert response.status_code == 200


def test_admin_preview_renders_the_edited_article_with_its_disclaimer(admin_client, seed_article):
    url = f"/admin/pages/{seed_article.pk}/edit/preview/"
    rows = [{"mechanism": "Previewed mechanism"}]
    assert admin_client.post(url, article_form(seed_article, rows)).json()["is_valid"]
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"Previewed mechanism" in response.content
    disclaimer = seed_article.disclaimer
    assert disclaimer.title.encode() in response.content
    assert disclaimer.body.encode() in response.content
