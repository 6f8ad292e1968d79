"""Every edit is a revision; an editor compares revisions and reverts through the admin,
and a revert goes through review like any other change."""

import pytest

from articles.models import ArticlePage

from .admin_forms import article_form

pytestmark = pytest.mark.django_db

NEW_TEXT = "Fever, fatigue, low blood counts"


def test_compare_and_revert_in_the_admin(login, seed_article, graphql):
    editor = login("editor")
    pk, live_revision = seed_article.pk, seed_article.live_revision
    draft = seed_article.get_latest_revision_as_object()
    rows = [{"common_side_effects": NEW_TEXT}]
    assert editor.post(f"/admin/pages/{pk}/edit/", article_form(draft, rows)).status_code == 302
    edited = ArticlePage.objects.get(pk=pk).latest_revision
    assert edited != live_revision
    assert ArticlePage.objects.get(pk=pk).revisions.count() == 2

    history = editor.get(f"/admin/pages/{pk}/history/")
    assert history.status_code == 200
    compare = editor.get(f"/admin/pages/{pk}/revisions/compare/{live_revision.pk}...{edited.pk}/")
    assert compare.status_code == 200
    assert b"Mild fever, fatigue" in compare.content
    assert NEW_TEXT.encode() in compare.content

    revert_url = f"/admin/pages/{pk}/revisions/{live_revision.pk}/revert/"
    assert editor.get(revert_url).status_code == 200
    old = live_revision.as_object()
    response = editor.post(revert_url, {**article_form(old), "action-submit": "action-submit"})
    assert response.status_code == 302, response.content[:2000]
    page = ArticlePage.objects.get(pk=pk)
    assert page.revisions.count() == 3
    reverted = page.get_latest_revision_as_object()
    assert reverted.body[1].value["rows"][0]["common_side_effects"] == "Mild fever, fatigue"
    assert page.current_workflow_state.current_task_state.task.name == "Editorial review"
    assert page.live_revision == live_revision  # still under review, nothing published
