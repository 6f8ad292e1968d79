"""An editor imports a document through the admin in a real browser: the menu item, the
form's error on a bad file, then the draft in the editor."""

from pathlib import Path

import pytest

from tests.test_workflow_in_browser import (  # noqa: F401 (fixtures)
    browser,
    click_and_wait,
    log_in,
    screenshots,
    site,
)

MARKDOWN = Path(__file__).resolve().parent / "documents" / "living-with-myeloma.md"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_editor_imports_a_markdown_document(site, browser, screenshots, tmp_path):  # noqa: F811
    base_url, _ = site
    bad = tmp_path / "notes.txt"
    bad.write_bytes("Title\nCaf\xe9.".encode("latin-1"))

    editor = log_in(browser, base_url, "editor")
    editor.get_by_role("link", name="Import article").click()
    editor.wait_for_url(f"{base_url}/admin/articles/import/")
    editor.set_input_files("input[name=document]", str(bad))
    click_and_wait(editor, editor.get_by_role("button", name="Import as draft"))
    screenshots(editor, "import-form-error")
    assert "line 2: the file is not UTF-8 text" in editor.content()

    editor.set_input_files("input[name=document]", str(MARKDOWN))
    editor.get_by_role("button", name="Import as draft").click()
    editor.wait_for_url(f"{base_url}/admin/pages/*/edit/")
    screenshots(editor, "imported-draft")
    message = editor.locator(".messages").inner_text()
    assert "Imported 'Living with Multiple Myeloma' as a draft." in message
    assert "matches no disclaimer" in message  # the demo's disclaimer is the seed's text
    assert editor.locator("#id_title").input_value() == "Living with Multiple Myeloma"
