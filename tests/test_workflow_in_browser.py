"""The editorial workflow in a real browser: Playwright driving Debian's Chromium against
a live server. Screenshots of every step go to .test-artifacts/browser-workflow/."""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

# A live server needs committed data, so this test is transactional, and the database is
# flushed after it, taking Wagtail's migrated rows (root page, groups, workflow) along.
# serialized_rollback restores them before the test and flushes without re-running
# post_migrate, so any other transactional test must use it too (then order is free).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / ".test-artifacts" / "browser-workflow"
NEW_TEXT = "Fever, fatigue and low blood counts (browser edit)"
QUERY = """{ article(slug: "immunotherapy-for-multiple-myeloma") {
    lastReviewed reviewer { name }
    body { ... on ComparisonTableBlock { rows { commonSideEffects } } } } }"""


@pytest.fixture
def site(live_server):
    """The demo site and its role users behind a live server: (base URL, article id).

    Set up before the browser starts: Playwright's sync API runs an event loop, in which
    Django refuses synchronous database access.
    """
    call_command("load_demo_content", "--with-demo-users", stdout=io.StringIO())
    from articles.models import ArticlePage

    article = ArticlePage.objects.get(slug="immunotherapy-for-multiple-myeloma")
    return live_server.url, article.pk


@pytest.fixture
def browser(site):
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def numbered_screenshot_paths(folder):
    """Empty ``folder`` for a test's screenshots; returns ``path(name)``, the next
    numbered file in it (``01-name.png``, ``02-…``), in the order they are taken."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    count = iter(range(1, 100))
    return lambda name: folder / f"{next(count):02d}-{name}.png"


def full_page_screenshots(folder):
    path = numbered_screenshot_paths(folder)

    def shoot(page, name):
        page.screenshot(path=path(name), full_page=True)

    return shoot


@pytest.fixture
def screenshots():
    return full_page_screenshots(ARTIFACTS)


def served_text(page, base_url):
    """What an app gets from /graphql/ (POSTed from the browser, without its cookies)."""
    response = page.context.browser.new_context().request.post(
        f"{base_url}/graphql/", data={"query": QUERY}
    )
    assert response.ok, response.text()
    article = response.json()["data"]["article"]
    return article["body"][1]["rows"][0]["commonSideEffects"], article


def log_in(browser, base_url, username):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", username)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
    return page


def click_and_wait(page, button):
    """Click a button that submits the page's form, and wait for the page it loads.

    ``wait_for_url`` returns at once when the URL already matches, as it does when the edit
    view answers on its own URL: the next assertion would read the page before it."""
    with page.expect_navigation():
        button.click()


def open_action_menu(page):
    page.locator("footer .w-dropdown__toggle, .footer .w-dropdown__toggle").first.click()


def approve_in_editor(page, base_url, article_id, screenshots, who):
    page.goto(f"{base_url}/admin/pages/{article_id}/edit/")
    screenshots(page, f"{who}-opens-article")
    open_action_menu(page)
    click_and_wait(page, page.locator('button[data-workflow-action-name="approve"]').first)
    screenshots(page, f"{who}-approved")


def test_editor_submits_reviewers_approve_and_the_api_changes(site, browser, screenshots):
    base_url, article_id = site
    editor = log_in(browser, base_url, "editor")
    old_text, _ = served_text(editor, base_url)
    screenshots(editor, "editor-dashboard")
    editor.goto(f"{base_url}/admin/pages/{article_id}/edit/")
    side_effects = editor.locator('input[name$="-value-common_side_effects"]').first
    assert side_effects.input_value() == old_text
    side_effects.fill(NEW_TEXT)
    screenshots(editor, "editor-changed-row")
    open_action_menu(editor)
    click_and_wait(editor, editor.locator('button[name="action-submit"]'))
    screenshots(editor, "editor-submitted")
    assert "has been submitted for moderation" in editor.content()
    assert served_text(editor, base_url)[0] == old_text

    publisher = log_in(browser, base_url, "publisher")
    approve_in_editor(publisher, base_url, article_id, screenshots, "publisher")
    assert "Approved, sent to Medical review." in publisher.content()
    assert served_text(publisher, base_url)[0] == old_text

    reviewer = log_in(browser, base_url, "reviewer")
    # One click from the task to what changed since the last medical approval.
    reviewer.goto(f"{base_url}/admin/pages/{article_id}/edit/")
    open_action_menu(reviewer)
    reviewer.get_by_text("Compare with last medical approval").click()
    reviewer.wait_for_url(f"{base_url}/admin/medical-review/{article_id}/compare/**")
    screenshots(reviewer, "reviewer-compares-with-last-approval")
    comparison = reviewer.content()
    # The changed row, named by its treatment type, with Wagtail's word-level diff.
    assert "<strong>Treatment:</strong> Cell-Based Therapy</p>" in comparison
    assert '<span class="deletion">Mild fever</span><span class="addition">Fever</span>' in (
        comparison
    )
    assert "and low blood counts (browser edit)" in comparison
    approve_in_editor(reviewer, base_url, article_id, screenshots, "reviewer")
    assert "Approved and published: readers see this version now." in reviewer.content()
    text, article = served_text(reviewer, base_url)
    assert text == NEW_TEXT
    assert article["reviewer"] == {"name": "Dr Riley Reviewer"}
    reviewer.goto(f"{base_url}/graphql/?query={QUERY}".replace("\n", " "))
    screenshots(reviewer, "graphql-serves-the-reviewed-text")


def test_a_submit_refused_by_validation_never_says_saved(site, browser, screenshots):
    """The error is the whole story: no "Saved" indicator beside "could not be submitted"."""
    base_url, article_id = site
    editor = log_in(browser, base_url, "editor")
    editor.goto(f"{base_url}/admin/pages/{article_id}/edit/")
    editor.locator('input[name$="-value-treatment_type"]').first.fill("")
    open_action_menu(editor)
    click_and_wait(editor, editor.locator('button[name="action-submit"]'))
    editor.wait_for_load_state("networkidle")
    editor.wait_for_timeout(3_000)  # longer than Wagtail's autosave interval
    screenshots(editor, "editor-submit-refused")
    content = editor.content()
    assert "could not be saved" not in content
    assert "Not submitted: fix the errors marked below, then submit again." in content
    # Autosave kept the edits as a draft, as the message says; nothing was submitted.
    editor.goto(f"{base_url}/admin/pages/{article_id}/edit/")
    assert editor.locator('input[name$="-value-treatment_type"]').first.input_value() == ""
    assert "Awaiting" not in editor.locator("header").inner_text()
