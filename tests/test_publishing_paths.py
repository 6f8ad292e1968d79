"""Every publishing door, tried by every role: nothing medically unreviewed reaches readers.

Each case acts through the admin's HTTP views as a user in the migrated groups, then asks
``/graphql/`` what a reader sees. The case passes when the admin refused or when what is
served is unchanged (medical approval is the only way in). Cases are named
``role-path-content`` so that a failure names the open door.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text

from articles.models import ArticleIndexPage, ArticlePage, Condition, Disclaimer, TrustedSource

from .admin_forms import article_form

pytestmark = pytest.mark.django_db

SLUG = "immunotherapy-for-multiple-myeloma"
NEW_TEXT = "Unreviewed side effects"
READER_VIEW = """{
  article(slug: "immunotherapy-for-multiple-myeloma") {
    title lastReviewed nextReviewDue reviewer { name }
    body { ... on ComparisonTableBlock { rows { commonSideEffects } } }
    condition { name description } sources { name url } disclaimer { title body }
  }
  pages(contentType: "articles.ArticlePage") { slug }
  images { title } documents { title }
  snippets {
    ... on Disclaimer { title body } ... on Condition { name description }
    ... on TrustedSource { name url }
  }
}"""

ROLES = {
    "editor": ["Editors"],
    "publisher": ["Publishers"],
    "reviewer": ["Medical reviewers"],
    "publisher_and_reviewer": ["Publishers", "Medical reviewers"],
    "superuser": [],
}


def reader_view(graphql):
    return graphql.execute(READER_VIEW)


@pytest.fixture
def as_role(seed_article):
    """``as_role("publisher")``: a client logged in as a fresh user in that role's groups."""

    def log_in(role):
        User = get_user_model()
        username = f"matrix_{role}"
        if role == "superuser":
            user = User.objects.create_superuser(username, f"{username}@example.com", role)
        else:
            user = User.objects.create_user(username, f"{username}@example.com", role)
            user.groups.add(*Group.objects.filter(name__in=ROLES[role]))
        client = Client()
        client.force_login(user)
        return client

    return log_in


def article():
    """The English article (a Spanish draft of it may share its slug)."""
    return ArticlePage.objects.get(slug=SLUG, locale__language_code="en")


def edited_article_form(page, **fields):
    draft = page.get_latest_revision_as_object()
    return article_form(draft, [{"common_side_effects": NEW_TEXT}], **fields)


def snippet_url(model, view, obj):
    return f"/admin/snippets/articles/{model._meta.model_name}/{view}/{obj.pk}/"


SNIPPET_EDITS = {
    "disclaimer": (
        lambda: Disclaimer.objects.get(is_default=True),
        lambda obj: {
            "title": "Unreviewed wording",
            "body": rich_text("<p>New</p>"),
            "is_default": "on",
        },
    ),
    "condition": (
        lambda: Condition.objects.get(),
        lambda obj: {"name": "Unreviewed name", "slug": obj.slug, "description": "New"},
    ),
    "trusted_source": (
        lambda: TrustedSource.objects.order_by("pk").first(),
        lambda obj: {"name": "Unreviewed source", "url": "https://unreviewed.example.com/"},
    ),
}
SNIPPET_MODELS = {
    "disclaimer": Disclaimer,
    "condition": Condition,
    "trusted_source": TrustedSource,
}


def edit_publish(client, content):
    page = article()
    return client.post(
        f"/admin/pages/{page.pk}/edit/", {**edited_article_form(page), "action-publish": "1"}
    )


def snippet_publish(client, content):
    get_object, form = SNIPPET_EDITS[content]
    obj = get_object()
    data = nested_form_data({**form(obj), "action-publish": "action-publish"})
    return client.post(snippet_url(SNIPPET_MODELS[content], "edit", obj), data)


def bulk_publish(client, content):
    """A draft waits (saved by an editor); the explorer's bulk Publish is tried on it."""
    page = article()
    draft = page.get_latest_revision_as_object()
    draft.title = "Unreviewed title"
    draft.save_revision()
    url = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/"
    return client.post(url, {"include_descendants": ""})


def copy_publish(client, content):
    page = article()
    return client.post(
        f"/admin/pages/{page.pk}/copy/",
        {
            "new_title": "Unreviewed copy",
            "new_slug": "unreviewed-copy",
            "new_parent_page": ArticleIndexPage.objects.get().pk,
            "publish_copies": "on",
        },
    )


def revert_publish(client, content):
    """Back to the first version (never medically approved as it stands), then Publish."""
    page = article()
    first = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk").first()
    return client.post(
        f"/admin/pages/{page.pk}/revisions/{first.pk}/revert/",
        {**edited_article_form(page), "action-publish": "1"},
    )


def schedule(client, content):
    """Publish with a go-live date: nothing may be scheduled, and nothing goes live."""
    page = article()
    go_live = (datetime.datetime.now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {**edited_article_form(page, go_live_at=go_live), "action-publish": "1"},
    )
    assert not Revision.page_revisions.filter(approved_go_live_at__isnull=False).exists()
    call_command("publish_scheduled")
    return response


def snippet_unpublish(client, content):
    get_object, _ = SNIPPET_EDITS[content]
    obj = get_object()
    return client.post(snippet_url(SNIPPET_MODELS[content], "unpublish", obj))


def workflow_cancel(client, content):
    """An editor's change awaits review; the user cancels the workflow (editing the text)."""
    page = article()
    editor = Client()
    editor_user = get_user_model().objects.create_user("workflow_editor", password="x")
    editor_user.groups.add(Group.objects.get(name="Editors"))
    editor.force_login(editor_user)
    editor.post(
        f"/admin/pages/{page.pk}/edit/", {**edited_article_form(page), "action-submit": "1"}
    )
    assert article().current_workflow_state is not None
    return client.post(
        f"/admin/pages/{page.pk}/edit/",
        {**edited_article_form(article()), "action-cancel-workflow": "1"},
    )


def media_upload(client, content):
    if content == "image":
        return client.post(
            "/admin/images/add/",
            {"title": "Unreviewed image", "file": get_test_image_file(), "collection": 1},
        )
    document = ContentFile(b"unreviewed", name="unreviewed.txt")
    return client.post(
        "/admin/documents/add/",
        {"title": "Unreviewed document", "file": document, "collection": 1},
    )


def spanish_draft(content):
    """Set-up, not the path under test: a Spanish draft of the article (with drafts of
    its snippets) as wagtail-localize creates it, every string translated."""
    from wagtail.models import Locale
    from wagtail_localize.models import Translation
    from wagtail_localize.operations import TranslationCreator

    from .factories import store_spanish_strings

    spanish = Locale.objects.get(language_code="es")
    TranslationCreator(None, [spanish]).create_translations(article())
    store_spanish_strings(spanish)
    original = article() if content == "article_translation" else article().disclaimer
    target = type(original).objects.get(translation_key=original.translation_key, locale=spanish)
    translation = Translation.objects.get(
        source__object_id=original.translation_key, target_locale=spanish
    )
    return target, translation


def translation_editor_publish(client, content):
    """wagtail-localize's "Publish in Spanish" button, pressed on the translation."""
    target, _translation = spanish_draft(content)
    if content == "article_translation":
        return client.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})
    return client.post(snippet_url(Disclaimer, "edit", target), {"action": "publish"})


def sync_and_publish(client, content):
    """ "Sync translated pages" with "Publish immediately" asked for."""
    _target, translation = spanish_draft(content)
    return client.post(
        f"/admin/localize/update/{translation.source_id}/", {"publish_translations": "on"}
    )


def convert_to_alias(client, content):
    target, _translation = spanish_draft(content)
    return client.post(f"/admin/localize/page/{target.pk}/convert_to_alias/")


PATHS = {
    ("edit_publish", "article"): edit_publish,
    ("bulk_publish", "article"): bulk_publish,
    ("copy_publish", "article"): copy_publish,
    ("revert_publish", "article"): revert_publish,
    ("schedule", "article"): schedule,
    ("workflow_cancel", "article"): workflow_cancel,
    ("snippet_publish", "disclaimer"): snippet_publish,
    ("snippet_publish", "condition"): snippet_publish,
    ("snippet_publish", "trusted_source"): snippet_publish,
    ("snippet_unpublish", "disclaimer"): snippet_unpublish,
    ("media_upload", "image"): media_upload,
    ("media_upload", "document"): media_upload,
    ("translation_editor_publish", "article_translation"): translation_editor_publish,
    ("translation_editor_publish", "disclaimer_translation"): translation_editor_publish,
    ("sync_and_publish", "article_translation"): sync_and_publish,
    ("convert_to_alias", "article_translation"): convert_to_alias,
}
CASES = [
    pytest.param(role, path, content, id=f"{role}-{path}-{content}")
    for role in ROLES
    for (path, content) in PATHS
]


@pytest.mark.parametrize(("role", "path", "content"), CASES)
def test_no_publishing_path_serves_unreviewed_content(as_role, graphql, role, path, content):
    client = as_role(role)
    before = reader_view(graphql)

    response = PATHS[path, content](client, content)

    assert response.status_code in (200, 302, 403), response.content[:1000]
    assert reader_view(graphql) == before
