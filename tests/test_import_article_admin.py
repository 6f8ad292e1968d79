"""The admin's "Import article": an upload becomes a draft, as the signed-in user, with
their page permissions; a bad document is a form error and creates nothing."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page, Revision

from articles.demo.seed import SEED_ARTICLE, SUBSECTION_HEADINGS
from articles.importing import MAX_DOCUMENT_BYTES
from articles.models import ArticleIndexPage, ArticlePage, Condition
from tests.word_documents import word_version

pytestmark = pytest.mark.django_db

URL = "/admin/articles/import/"
MARKDOWN = Path(__file__).resolve().parent / "documents" / "living-with-myeloma.md"


def upload(name, content):
    return SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode())


def post(client, document, **fields):
    index = ArticleIndexPage.objects.get()
    return client.post(URL, {"document": document, "parent": index.pk, **fields})


def counts():
    return Page.objects.count(), Revision.objects.count()


def test_an_editor_imports_a_document_and_lands_in_its_draft(login):
    editor = login("editor")
    form = editor.get(URL)
    assert form.status_code == 200
    assert b'type="file"' in form.content and b"Health articles" in form.content
    assert b"/admin/articles/import/" in editor.get("/admin/").content  # the menu item

    response = post(editor, upload("living.md", MARKDOWN.read_bytes()))

    article = ArticlePage.objects.get(slug="living-with-multiple-myeloma")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{article.pk}/edit/"
    assert not article.live and not article.workflow_in_progress
    assert article.latest_revision.user.username == "editor"
    edit = editor.get(response["Location"])
    assert "Imported &#x27;Living with Multiple Myeloma&#x27; as a draft." in edit.content.decode()


def test_plain_text_subsections_are_named_in_the_form(login, demo_content):
    ArticlePage.objects.filter(slug="immunotherapy-for-multiple-myeloma").update(slug="other")
    response = post(
        login("editor"),
        upload(SEED_ARTICLE.name, SEED_ARTICLE.read_bytes()),
        subsection_headings="\n".join(SUBSECTION_HEADINGS),
        condition=Condition.objects.get().pk,
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="immunotherapy-for-multiple-myeloma")
    first = article.body[0].value
    assert [s["heading"] for s in first["subsections"]] == list(SUBSECTION_HEADINGS)


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("no-title.md", "A paragraph first.\n\n## A\n\nText.", "line 1: the document must start"),
        (
            "columns.md",
            MARKDOWN.read_text().replace("| Mechanism |", "| Price |"),
            "line 22: &#x27;Price&#x27; is not a comparison table column",
        ),
        ("level.md", MARKDOWN.read_text().replace("## Everyday", "##### Everyday"), "level 5"),
        ("latin1.txt", "Title\nCaf\xe9.".encode("latin-1"), "line 2: the file is not UTF-8"),
        ("empty.md", b"", "The submitted file is empty."),
        ("big.txt", b"Title\n" + b"x" * MAX_DOCUMENT_BYTES, "documents may be at most"),
        ("notes.odt", b"PK\x03\x04", "is not a document the importer reads"),
    ],
)
def test_bad_documents_are_form_errors_and_create_nothing(login, name, content, error):
    editor = login("editor")
    before = counts()
    response = post(editor, upload(name, content))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert counts() == before


def test_a_duplicate_is_reported_on_the_document_and_rolled_back(login):
    editor = login("editor")
    assert post(editor, upload("a.md", MARKDOWN.read_bytes())).status_code == 302
    before = counts()
    response = post(editor, upload("a.md", MARKDOWN.read_bytes()))
    assert response.status_code == 200
    assert "already exists in &#x27;Health articles&#x27;" in response.content.decode()
    assert counts() == before


def test_the_condition_error_is_on_the_condition_field(login):
    response = post(
        login("editor"),
        upload("a.md", MARKDOWN.read_text().replace("Multiple Myeloma:", "Myeloma:")),
    )
    assert response.status_code == 200
    assert "Choose the article&#x27;s condition" in response.content.decode()
    assert response.context["form"].errors["condition"]


def test_a_reviewer_without_add_permission_may_not_import(login):
    reviewer = login("reviewer")
    before = counts()
    for response in (reviewer.get(URL), post(reviewer, upload("a.md", MARKDOWN.read_bytes()))):
        # Wagtail's admin answers a refusal by sending the user home with a message.
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    home = reviewer.get("/admin/").content
    assert b"Sorry, you do not have permission" in home
    assert b"/admin/articles/import/" not in home
    assert counts() == before


def test_the_parent_choice_offers_only_indexes_the_user_may_add_to(login):
    publisher = login("publisher")
    index = ArticleIndexPage.objects.get()
    other = index.get_parent().add_child(
        instance=Page(title="Elsewhere", slug="elsewhere", live=False)
    )
    response = publisher.post(URL, {"document": upload("a.md", "x"), "parent": other.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_word_upload_becomes_a_draft(login):
    response = post(login("editor"), upload("living.docx", word_version()))
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="living-with-multiple-myeloma")
    assert [block.block_type for block in article.body] == ["section", "comparison_table"]
    assert not article.live
