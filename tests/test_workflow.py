"""The editorial and medical review workflow, driven through Wagtail's admin views by
users in each role, with GraphQL showing what readers get at every step."""

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from wagtail.models import WorkflowState

from articles.models import ArticlePage

from .admin_forms import article_form

pytestmark = pytest.mark.django_db

ARTICLE_QUERY = """{ article(slug: "immunotherapy-for-multiple-myeloma") {
    lastReviewed nextReviewDue reviewer { name }
    body { ... on ComparisonTableBlock { rows { commonSideEffects } } } } }"""
OLD_TEXT = "Mild fever, fatigue"
NEW_TEXT = "Fever, fatigue, low blood counts"


@pytest.fixture
def seed_article(seed_article):
    """The seed article, last reviewed (and published) a year and a day ago."""
    seed_article.last_reviewed = timezone.localdate() - relativedelta(years=1, days=1)
    seed_article.next_review_due = timezone.localdate() - relativedelta(days=1)
    seed_article.save_revision().publish()
    return ArticlePage.objects.get(pk=seed_article.pk)


def served(graphql):
    article = graphql.execute(ARTICLE_QUERY)["article"]
    return article["body"][1]["rows"][0]["commonSideEffects"], article


def edit_url(article):
    return f"/admin/pages/{article.pk}/edit/"


def submit_edit(client, article, **extra):
    """Change the seed table row's side effects in the edit form and submit for review."""
    draft = article.get_latest_revision_as_object()
    rows = [{"common_side_effects": NEW_TEXT}]
    return client.post(
        edit_url(article), {**article_form(draft, rows), "action-submit": "action-submit", **extra}
    )


def current_task(article):
    article = ArticlePage.objects.get(pk=article.pk)
    state = article.current_workflow_state
    return state.current_task_state if state else None


def act(client, article, action, comment=None):
    task_state = current_task(article)
    url = f"/admin/pages/workflow/action/{article.pk}/{action}/{task_state.pk}/"
    return client.post(url, {"comment": comment} if comment is not None else {})


def assert_refused(response):
    """Wagtail answers a forbidden admin action with a redirect to the dashboard."""
    assert (response.status_code, response.url) == (302, "/admin/")


def test_an_edit_goes_live_only_after_editorial_and_medical_approval(login, seed_article, graphql):
    editor, publisher, reviewer = login("editor"), login("publisher"), login("reviewer")
    previous = ArticlePage.objects.get(pk=seed_article.pk)

    response = submit_edit(editor, seed_article)
    assert response.status_code == 302, response.content[:3000]
    assert current_task(seed_article).task.name == "Editorial review"
    assert served(graphql)[0] == OLD_TEXT

    # Neither the editor nor the medical reviewer can approve the editorial step.
    assert_refused(act(editor, seed_article, "approve"))
    assert_refused(act(reviewer, seed_article, "approve"))
    assert current_task(seed_article).task.name == "Editorial review"

    # The reviewer opens the article only when it reaches the medical step.
    assert_refused(reviewer.get(edit_url(seed_article)))
    assert act(publisher, seed_article, "approve").status_code == 302
    assert current_task(seed_article).task.name == "Medical review"
    assert served(graphql)[0] == OLD_TEXT
    assert reviewer.get(edit_url(seed_article)).status_code == 200

    assert (
        act(reviewer, seed_article, "approve", comment="Checked against NICE TA").status_code
        == 302
    )
    text, article = served(graphql)
    today = timezone.localdate()
    assert text == NEW_TEXT
    assert article["lastReviewed"] == today.isoformat()
    assert article["nextReviewDue"] == (today + relativedelta(months=12)).isoformat()
    assert article["reviewer"] == {"name": "Dr Riley Reviewer"}

    page = ArticlePage.objects.get(pk=seed_article.pk)
    assert page.current_workflow_state is None
    assert page.last_published_at > previous.last_published_at
    # The stamp is in the published revision, which is the latest: no draft lags behind.
    assert page.live_revision_id == page.latest_revision_id
    assert not page.has_unpublished_changes
    published = page.live_revision.as_object()
    assert (published.last_reviewed, published.reviewer.username) == (today, "reviewer")
    workflow_state = WorkflowState.objects.get(object_id=str(page.pk))
    assert workflow_state.status == "approved"
    assert [
        (state.task.name, state.finished_by.username, state.comment)
        for state in workflow_state.task_states.order_by("pk")
    ] == [
        ("Editorial review", "publisher", ""),
        ("Medical review", "reviewer", "Checked against NICE TA"),
    ]


def test_the_review_interval_is_configurable(login, seed_article, graphql, settings):
    settings.ARTICLE_REVIEW_INTERVAL_MONTHS = 6
    submit_edit(login("editor"), seed_article)
    act(login("publisher"), seed_article, "approve")
    act(login("reviewer"), seed_article, "approve")
    due = timezone.localdate() + relativedelta(months=6)
    assert served(graphql)[1]["nextReviewDue"] == due.isoformat()


def test_a_rejection_goes_back_to_the_editor_with_the_comment(login, seed_article, graphql):
    editor, publisher, reviewer = login("editor"), login("publisher"), login("reviewer")
    submit_edit(editor, seed_article)
    act(publisher, seed_article, "approve")

    response = act(reviewer, seed_article, "reject", comment="Cite the trial for this claim.")
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=seed_article.pk)
    assert page.current_workflow_state.status == "needs_changes"
    assert served(graphql)[0] == OLD_TEXT
    assert page.last_reviewed == seed_article.last_reviewed  # nothing stamped

    # The editor sees the reviewer's comment on the edit page and can edit again.
    edit_page = editor.get(edit_url(seed_article))
    assert edit_page.status_code == 200
    assert b"Cite the trial for this claim." in edit_page.content
    assert b"Changes requested" in edit_page.content

    # Resubmitting resumes at the step that asked for changes.
    assert submit_edit(editor, seed_article).status_code == 302
    assert current_task(seed_article).task.name == "Medical review"
    act(reviewer, seed_article, "approve")
    assert served(graphql)[0] == NEW_TEXT


def test_an_editor_cannot_publish(login, seed_article, graphql):
    editor = login("editor")
    edit_page = editor.get(edit_url(seed_article))
    assert edit_page.status_code == 200
    assert b'name="action-submit"' in edit_page.content
    assert b'name="action-publish"' not in edit_page.content

    draft = seed_article.get_latest_revision_as_object()
    rows = [{"common_side_effects": NEW_TEXT}]
    response = editor.post(
        edit_url(seed_article), {**article_form(draft, rows), "action-publish": "action-publish"}
    )
    # Wagtail treats a publish the user may not do as "save draft": nothing goes live.
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=seed_article.pk)
    assert page.live_revision_id == seed_article.live_revision_id
    assert page.has_unpublished_changes
    assert served(graphql)[0] == OLD_TEXT
    # Nor can the editor publish through the publish confirmation or unpublish views.
    assert editor.post(f"/admin/pages/{seed_article.pk}/unpublish/").status_code in (302, 403)
    assert ArticlePage.objects.get(pk=seed_article.pk).live


def test_editors_cannot_set_review_metadata(login, seed_article):
    editor = login("editor")
    draft = seed_article.get_latest_revision_as_object()
    response = editor.post(
        edit_url(seed_article),
        {
            **article_form(draft),
            "last_reviewed": "2001-01-01",
            "next_review_due": "2099-01-01",
            "reviewer": "1",
        },
    )
    assert response.status_code == 302
    saved = ArticlePage.objects.get(pk=seed_article.pk).get_latest_revision_as_object()
    assert saved.last_reviewed == seed_article.last_reviewed
    assert saved.next_review_due == seed_article.next_review_due
    assert saved.reviewer_id is None
