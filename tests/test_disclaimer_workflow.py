"""Changing the legal text of a disclaimer goes through the same review as articles, and
GraphQL serves only the published version."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text

from articles.models import Disclaimer

pytestmark = pytest.mark.django_db

QUERY = """{ article(slug: "immunotherapy-for-multiple-myeloma") { disclaimer { title body } }
             snippets { ... on Disclaimer { title body } } }"""
NEW_BODY = "<p>Revised legal wording: talk to your care team.</p>"


def served_disclaimers(graphql):
    data = graphql.execute(QUERY)
    return data["article"]["disclaimer"], [s for s in data["snippets"] if s]


def disclaimer_url(view, disclaimer, *rest):
    return "/".join(["/admin/snippets/articles/disclaimer", view, str(disclaimer.pk), *rest]) + "/"


def act(client, disclaimer, action):
    state = Disclaimer.objects.get(pk=disclaimer.pk).current_workflow_state
    url = disclaimer_url("workflow/action", disclaimer, action, str(state.current_task_state.pk))
    return client.post(url, {"comment": ""})


def test_a_disclaimer_change_is_served_only_after_review(login, seed_article, graphql):
    disclaimer = Disclaimer.objects.get(is_default=True)
    before = served_disclaimers(graphql)
    editor, publisher, reviewer = login("editor"), login("publisher"), login("reviewer")

    edit_page = editor.get(disclaimer_url("edit", disclaimer))
    assert edit_page.status_code == 200
    assert b'name="action-publish"' not in edit_page.content
    response = editor.post(
        disclaimer_url("edit", disclaimer),
        nested_form_data(
            {
                "title": "Medical disclaimer (revised)",
                "body": rich_text(NEW_BODY),
                "is_default": "on",
                "action-submit": "action-submit",
            }
        ),
    )
    assert response.status_code == 302, response.content[:2000]
    state = Disclaimer.objects.get(pk=disclaimer.pk).current_workflow_state
    assert state.current_task_state.task.name == "Editorial review"
    assert served_disclaimers(graphql) == before

    assert act(publisher, disclaimer, "approve").status_code == 302
    assert served_disclaimers(graphql) == before

    assert act(reviewer, disclaimer, "approve").status_code == 302
    article_disclaimer, snippets = served_disclaimers(graphql)
    assert article_disclaimer["title"] == "Medical disclaimer (revised)"
    assert "Revised legal wording: talk to your care team." in article_disclaimer["body"]
    assert snippets == [article_disclaimer]


def test_an_editor_cannot_publish_a_disclaimer(login, seed_article, graphql):
    disclaimer = Disclaimer.objects.get(is_default=True)
    before = served_disclaimers(graphql)
    response = login("editor").post(
        disclaimer_url("edit", disclaimer),
        nested_form_data(
            {
                "title": "Unreviewed",
                "body": rich_text("<p>Unreviewed wording.</p>"),
                "is_default": "on",
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code in (302, 403)
    assert served_disclaimers(graphql) == before
    assert Disclaimer.objects.get(pk=disclaimer.pk).title == "Medical disclaimer"
