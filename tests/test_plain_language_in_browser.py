"""The Checks panel's plain-language figures in a real browser: they follow the preview as
the editor types. Screenshots go to .test-artifacts/browser-plain-language/."""

import re
import shutil
from pathlib import Path

import pytest

from .test_workflow_in_browser import browser, log_in, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = Path(__file__).resolve().parent.parent / ".test-artifacts" / "browser-plain-language"
DENSE = (
    " Immunotherapeutic interventions characteristically necessitate comprehensive "
    "multidisciplinary evaluation, individualised pharmacological administration and "
    "continuous haematological monitoring throughout prolonged therapeutic engagement"
)


def shown_grade(page):
    return page.locator("[data-plain-language-grade]").inner_text().strip()


def test_grade_level_follows_the_preview(site, browser, settings):  # noqa: F811
    # The admin's policy refuses eval: Playwright waits through locators, not scripts.
    from playwright.sync_api import expect

    # Wagtail 8 autosaves the draft while the preview updates; the test database (SQLite
    # in shared-cache memory) refuses a read during another thread's write instead of
    # waiting, so autosave is off here: this test is about the preview's figures.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    base_url, article_id = site
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    editor = log_in(browser, base_url, "editor")
    editor.goto(f"{base_url}/admin/pages/{article_id}/edit/")
    saved_grade = shown_grade(editor)
    assert re.fullmatch(r"\d+(\.\d)?", saved_grade)

    editor.locator('button[aria-label="Toggle checks"]').click()
    # Wagtail measured the preview (its word count appears), and so did we.
    expect(editor.locator("[data-content-word-count]")).not_to_have_text("-")
    assert shown_grade(editor) == saved_grade
    editor.screenshot(path=ARTIFACTS / "01-checks-panel.png", full_page=True)

    intro = editor.locator('[data-contentpath="intro"] [contenteditable="true"]').first
    intro.click()
    editor.keyboard.press("End")
    editor.keyboard.insert_text(DENSE)  # one edit: one preview update
    grade = editor.locator("[data-plain-language-grade]")
    expect(grade).not_to_have_text(saved_grade, timeout=30_000)
    assert float(shown_grade(editor)) > float(saved_grade)
    editor.screenshot(path=ARTIFACTS / "02-after-a-dense-sentence.png", full_page=True)
