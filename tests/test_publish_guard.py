"""Publishing (or submitting for review) an incomplete article is a form error naming the
field, never a 500; saving a draft stays possible."""

import pytest

from articles.models import ArticlePage, Disclaimer

from .admin_forms import article_form

pytestmark = pytest.mark.django_db


def post_edit(client, article, action, **form):
    data = article_form(article.get_latest_revision_as_object(), **form)
    if action:
        data[action] = action
    return client.post(f"/admin/pages/{article.pk}/edit/", data)


def form_errors(response):
    assert response.status_code == 200, "expected the form again, with errors"
    return response.context["form"].errors


def assert_unchanged(article):
    page = ArticlePage.objects.get(pk=article.pk)
    assert page.live_revision_id == article.live_revision_id
    assert page.current_workflow_state is None


@pytest.fixture
def draft_disclaimer(demo_content):
    disclaimer = Disclaimer(title="Unreviewed wording", body="<p>Draft</p>", live=False)
    disclaimer.save()
    disclaimer.save_revision()
    return disclaimer


@pytest.mark.parametrize(
    ("username", "action"), [("publisher", "action-submit"), ("editor", "action-submit")]
)
def test_an_article_needs_a_disclaimer(login, seed_article, username, action):
    response = post_edit(login(username), seed_article, action, disclaimer="")
    assert form_errors(response)["disclaimer"] == ["This field is required."]
    assert_unchanged(seed_article)


@pytest.mark.parametrize(
    ("username", "action"), [("publisher", "action-submit"), ("editor", "action-submit")]
)
def test_an_article_needs_a_published_disclaimer(
    login, seed_article, draft_disclaimer, username, action
):
    response = post_edit(login(username), seed_article, action, disclaimer=draft_disclaimer.pk)
    [error] = form_errors(response)["disclaimer"]
    assert "'Unreviewed wording' has not been published yet" in error
    assert_unchanged(seed_article)


def test_a_draft_may_use_an_unpublished_disclaimer(login, seed_article, draft_disclaimer):
    response = post_edit(login("editor"), seed_article, None, disclaimer=draft_disclaimer.pk)
    assert response.status_code == 302
    draft = ArticlePage.objects.get(pk=seed_article.pk).get_latest_revision_as_object()
    assert draft.disclaimer == draft_disclaimer


@pytest.mark.parametrize(
    ("username", "action"), [("publisher", "action-submit"), ("editor", "action-submit")]
)
def test_an_article_needs_a_section(login, seed_article, username, action):
    response = post_edit(login(username), seed_article, action, sections=False)
    [error] = form_errors(response).as_data()["body"]
    assert error.as_json_data()["messages"] == ["Section: The minimum number of items is 1"]
    assert_unchanged(seed_article)


@pytest.mark.parametrize(
    ("username", "action"), [("publisher", "action-submit"), ("editor", "action-submit")]
)
def test_an_article_needs_complete_table_rows(login, seed_article, username, action):
    data = article_form(seed_article, [{"treatment_type": ""}], **{action: action})
    response = login(username).post(f"/admin/pages/{seed_article.pk}/edit/", data)
    assert form_errors(response)["body"]
    assert b"Treatment type is required" in response.content
    assert_unchanged(seed_article)


def test_a_refused_submit_says_not_submitted_not_could_not_be_saved(login, seed_article):
    """Autosave keeps the edits as a draft and shows "Saved": the error must not say the
    opposite."""
    response = post_edit(login("editor"), seed_article, "action-submit", disclaimer="")
    form_errors(response)
    content = response.content.decode()
    assert "could not be saved" not in content
    assert "Not submitted: fix the errors marked below, then submit again." in content
    assert "kept as a draft" in content


def test_a_refused_draft_save_keeps_wagtail_s_message(login, seed_article, settings):
    response = post_edit(login("editor"), seed_article, None, title="")
    form_errors(response)
    assert "could not be saved due to validation errors" in response.content.decode()
