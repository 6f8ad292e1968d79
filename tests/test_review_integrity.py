"""What review integrity adds besides closing doors: the library snippets' workflow, the
superuser exception, protected disclaimers, media reached only through published content,
the demo review stamp, the reviewers' tools and the messages that explain a refusal."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import nested_form_data, rich_text

from articles.models import ArticlePage, Condition, Disclaimer, TrustedSource
from editorial.models import record_medical_approval

from .admin_forms import article_form
from .factories import make_article, use_in_published_article

pytestmark = pytest.mark.django_db

SLUG = "immunotherapy-for-multiple-myeloma"
NEW_TEXT = "Fever, fatigue, low blood counts"


def article_query(fields):
    return '{ article(slug: "' + SLUG + '") { ' + fields + " } }"


def article():
    return ArticlePage.objects.get(slug=SLUG)


def submit_article_edit(client, **extra):
    page = article()
    draft = page.get_latest_revision_as_object()
    data = article_form(draft, [{"common_side_effects": NEW_TEXT}])
    return client.post(f"/admin/pages/{page.pk}/edit/", {**data, **extra})


def act_on_page(client, action="approve"):
    page = article()
    task_state = page.current_workflow_state.current_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"
    return client.post(url, {"comment": ""})


def served_side_effects(graphql):
    query = article_query(
        "lastReviewed reviewer { name } "
        "body { ... on ComparisonTableBlock { rows { commonSideEffects } } }"
    )
    served = graphql.execute(query)["article"]
    return served["body"][1]["rows"][0]["commonSideEffects"], served


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def messages_shown_after(client, response):
    """The messages the user sees on the page a response redirects to."""
    assert response.status_code == 302, response.content[:2000]
    return messages_of(client.get(response.url))


# The library snippets articles show readers go through the workflow.

LIBRARY_EDITS = {
    "condition": (
        Condition,
        lambda: Condition.objects.get(),
        lambda obj: {
            "name": "Multiple myeloma (plasma cell)",
            "slug": obj.slug,
            "description": "",
        },
        article_query("condition { name }"),
        lambda data: data["article"]["condition"]["name"],
        "Multiple myeloma (plasma cell)",
    ),
    "trusted_source": (
        TrustedSource,
        lambda: TrustedSource.objects.order_by("pk").first(),
        lambda obj: {"name": "Renamed source", "url": "https://renamed.example.org/"},
        article_query("sources { name }"),
        lambda data: data["article"]["sources"][0]["name"],
        "Renamed source",
    ),
}


@pytest.mark.parametrize("content", LIBRARY_EDITS)
def test_a_library_snippet_change_is_served_only_after_medical_review(
    login, seed_article, graphql, content
):
    model, get_object, form, query, read, new_value = LIBRARY_EDITS[content]
    obj = get_object()
    before = read(graphql.execute(query))
    editor, publisher, reviewer = login("editor"), login("publisher"), login("reviewer")
    base = f"/admin/snippets/articles/{model._meta.model_name}"

    response = editor.post(
        f"{base}/edit/{obj.pk}/", nested_form_data({**form(obj), "action-submit": "1"})
    )
    assert response.status_code == 302, response.content[:2000]
    assert read(graphql.execute(query)) == before

    for client in (publisher, reviewer):
        state = model.objects.get(pk=obj.pk).current_workflow_state.current_task_state
        url = f"{base}/workflow/action/{obj.pk}/approve/{state.pk}/"
        assert client.post(url, {"comment": ""}).status_code == 302
        if client is publisher:
            assert read(graphql.execute(query)) == before

    assert read(graphql.execute(query)) == new_value


def test_a_draft_trusted_source_is_not_served(seed_article, graphql):
    source = TrustedSource.objects.order_by("pk").first()
    source.live = False
    source.save()
    served = graphql.execute(article_query("sources { name }"))
    assert source.name not in [s["name"] for s in served["article"]["sources"]]


# Superusers: the one documented exception, through the workflow and stamped with their name.


def test_a_superuser_may_take_both_review_steps_and_is_credited(login, seed_article, graphql):
    admin = get_user_model().objects.create_superuser(
        "chief", "chief@example.com", "chief", first_name="Dr Chief", last_name="Medic"
    )
    client = Client()
    client.force_login(admin)
    assert submit_article_edit(login("editor"), **{"action-submit": "1"}).status_code == 302
    assert act_on_page(client).status_code == 302
    assert served_side_effects(graphql)[0] != NEW_TEXT
    assert act_on_page(client).status_code == 302
    text, served = served_side_effects(graphql)
    assert text == NEW_TEXT
    assert served["reviewer"] == {"name": "Dr Chief Medic"}


# Messages that explain a refusal.


def test_a_refused_publish_says_to_submit_to_medical_review(login, seed_article, graphql):
    response = submit_article_edit(login("publisher"), **{"action-publish": "1"})
    assert response.status_code == 302
    assert any("submit the changes to Medical review" in m for m in messages_of(response))
    assert served_side_effects(graphql)[0] != NEW_TEXT


# Disclaimers in use are protected.


def test_the_default_disclaimer_cannot_be_unpublished(login, seed_article, graphql):
    disclaimer = Disclaimer.objects.get(is_default=True)
    url = f"/admin/snippets/articles/disclaimer/unpublish/{disclaimer.pk}/"
    response = login("publisher").post(url)
    assert response.status_code == 302
    assert response.url == f"/admin/snippets/articles/disclaimer/edit/{disclaimer.pk}/"
    [message] = messages_of(response)
    assert "cannot be unpublished: it is the default disclaimer" in message
    assert "Immunotherapy for Multiple Myeloma" in message
    assert Disclaimer.objects.get(pk=disclaimer.pk).live
    data = graphql.execute("{ articles { items { disclaimer { title } } } }")
    assert data["articles"]["items"][0]["disclaimer"]["title"] == disclaimer.title


def published_disclaimer(title):
    disclaimer = Disclaimer(title=title, body="<p>Text</p>", live=False)
    disclaimer.save()
    disclaimer.save_revision().publish()
    return Disclaimer.objects.get(pk=disclaimer.pk)


def test_a_disclaimer_a_live_article_uses_cannot_be_unpublished_or_deleted(login, seed_article):
    disclaimer = published_disclaimer("Oncology disclaimer")
    make_article("Uses it", disclaimer=disclaimer)
    publisher = login("publisher")
    base = "/admin/snippets/articles/disclaimer"
    for view, done in (("unpublish", "unpublished"), ("delete", "deleted")):
        response = publisher.post(f"{base}/{view}/{disclaimer.pk}/")
        assert response.status_code == 302
        message = messages_of(response)[-1]
        assert f"cannot be {done}" in message
        assert "a live article shows it" in message
        assert "Uses it" in message
    assert Disclaimer.objects.get(pk=disclaimer.pk).live


def test_an_unused_disclaimer_can_be_taken_down(login, seed_article):
    disclaimer = published_disclaimer("Unused")
    response = login("publisher").post(
        f"/admin/snippets/articles/disclaimer/unpublish/{disclaimer.pk}/"
    )
    assert response.status_code == 302
    assert not Disclaimer.objects.get(pk=disclaimer.pk).live


def test_a_disclaimer_in_use_cannot_be_given_an_expiry_date(login, seed_article):
    disclaimer = Disclaimer.objects.get(is_default=True)
    response = login("editor").post(
        f"/admin/snippets/articles/disclaimer/edit/{disclaimer.pk}/",
        nested_form_data(
            {
                "title": disclaimer.title,
                "body": rich_text(disclaimer.body),
                "is_default": "on",
                "expire_at": "2031-01-01 09:00",
            }
        ),
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["expire_at"]
    assert "cannot expire: it is the default disclaimer" in error


# Media reaches the API only through published content.


def test_media_is_listed_only_once_published_content_uses_it(seed_article, graphql):
    image = Image.objects.create(title="Diagram", file=get_test_image_file())
    document = Document.objects.create(title="Leaflet", file=get_test_image_file())
    query = """query($id: ID) { images { title } image(id: $id) { title }
                                documents { title } }"""
    draft = use_in_published_article(image, document, publish=False)
    assert graphql.execute(query, {"id": image.pk}) == {
        "images": [],
        "image": None,
        "documents": [],
    }
    draft.get_latest_revision().publish()
    assert graphql.execute(query, {"id": image.pk}) == {
        "images": [{"title": "Diagram"}],
        "image": {"title": "Diagram"},
        "documents": [{"title": "Leaflet"}],
    }


# The review stamp.


def test_the_demo_article_is_stamped_by_the_demo_reviewer(graphql, db):
    call_command("load_demo_content", stdout=io.StringIO())
    _, served = served_side_effects(graphql)
    assert served["reviewer"] == {"name": "Dr Riley Reviewer"}
    reviewer = get_user_model().objects.get(username="reviewer")
    assert not reviewer.has_usable_password()
    call_command("load_demo_content", "--with-demo-users", stdout=io.StringIO())
    assert get_user_model().objects.get(username="reviewer").check_password("reviewer")


# Reviewers' tools.


@pytest.fixture
def approved_article(seed_article, demo_users):
    """The site's article, its live revision on record as medically approved."""
    reviewer = get_user_model().objects.get(username="reviewer")
    record_medical_approval(seed_article, reviewer, seed_article.live_revision)
    return seed_article


def test_a_reviewer_compares_the_task_with_the_last_medical_approval(login, approved_article):
    editor, publisher, reviewer = login("editor"), login("publisher"), login("reviewer")
    submit_article_edit(editor, **{"action-submit": "1"})
    act_on_page(publisher)

    page = article()
    edit_page = reviewer.get(f"/admin/pages/{page.pk}/edit/")
    compare_url = f"/admin/medical-review/{page.pk}/compare-with-last-approval/"
    assert compare_url.encode() in edit_page.content
    response = reviewer.get(compare_url)
    assert response.status_code == 302
    comparison = reviewer.get(response.url)
    assert comparison.status_code == 200
    assert b"Mild fever, fatigue" in comparison.content  # the approved text
    assert NEW_TEXT.encode() in comparison.content  # the text under review


def test_reviewers_read_the_history_but_strangers_do_not(login, approved_article):
    page = article()
    url = f"/admin/medical-review/{page.pk}/history/"
    for username in ("reviewer", "editor", "publisher"):
        response = login(username).get(url)
        assert response.status_code == 200, username
        assert b"Medically approved" in response.content
        assert b"/revisions/" not in response.content  # no revert or preview links
    stranger = get_user_model().objects.create_user("stranger", password="x", is_staff=True)
    client = Client()
    client.force_login(stranger)
    assert client.get(url).status_code in (302, 403)


# Messages that say what a workflow action did.


def act_in_edit_view(client, action):
    page = article()
    data = article_form(page.get_latest_revision_as_object())
    data.update({"action-workflow-action": "1", "workflow-action-name": action})
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def test_approvals_say_where_the_article_went(login, seed_article, graphql):
    submit_article_edit(login("editor"), **{"action-submit": "1"})
    publisher, reviewer = login("publisher"), login("reviewer")
    response = act_in_edit_view(publisher, "approve")
    assert messages_shown_after(publisher, response) == ["Approved, sent to Medical review."]
    response = act_in_edit_view(reviewer, "approve")
    assert messages_shown_after(reviewer, response) == [
        "Approved and published: readers see this version now."
    ]
    assert served_side_effects(graphql)[0] == NEW_TEXT


def test_the_editor_sees_the_requested_changes_at_the_top(login, seed_article):
    editor = login("editor")
    submit_article_edit(editor, **{"action-submit": "1"})
    page = article()
    task_state = page.current_workflow_state.current_task_state
    login("publisher").post(
        f"/admin/pages/workflow/action/{page.pk}/reject/{task_state.pk}/",
        {"comment": "Cite the trial."},
    )
    response = editor.get(f"/admin/pages/{page.pk}/edit/")
    assert "Changes requested by Pat Publisher: “Cite the trial.”" in messages_of(response)


def test_a_reviewer_sees_a_trusted_source_change_in_the_comparison(login, seed_article):
    source = TrustedSource.objects.order_by("pk").first()
    old_url = source.url
    base = "/admin/snippets/articles/trustedsource"
    editor, publisher, reviewer = login("editor"), login("publisher"), login("reviewer")
    form = {"name": source.name, "url": "https://renamed.example.org/", "action-submit": "1"}
    assert editor.post(f"{base}/edit/{source.pk}/", nested_form_data(form)).status_code == 302
    state = TrustedSource.objects.get(pk=source.pk).current_workflow_state.current_task_state
    publisher.post(f"{base}/workflow/action/{source.pk}/approve/{state.pk}/", {"comment": ""})

    edit_view = reviewer.get(f"{base}/edit/{source.pk}/")
    assert edit_view.status_code == 200
    compare_url = f"{base}/history/{source.pk}/revisions/compare/live...latest/"
    assert compare_url.encode() in edit_view.content  # "Compare with live version"
    comparison = reviewer.get(compare_url)
    assert comparison.status_code == 200
    # Wagtail's text diff marks what went and what came, word by word.
    removed = re.findall(r'<span class="deletion">([^<]*)</span>', comparison.text)
    added = re.findall(r'<span class="addition">([^<]*)</span>', comparison.text)
    assert "cancer" in "".join(removed) and "cancer" in old_url
    assert "renamed" in "".join(added)
    assert reviewer.get(f"{base}/history/{source.pk}/").status_code == 200
