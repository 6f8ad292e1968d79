"""A translator's journey in a real browser: wagtail-localize's translation editor (its
React app) offers "Submit for review", and pressing it sends the Spanish draft to Medical
review instead of publishing it."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from .test_workflow_in_browser import (  # noqa: F401  (fixtures)
    browser,
    click_and_wait,
    full_page_screenshots,
    log_in,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = Path(__file__).resolve().parent.parent / ".test-artifacts" / "browser-translation"


@pytest.fixture
def screenshots():
    return full_page_screenshots(ARTIFACTS)


@pytest.fixture
def site(live_server):
    """A new English article with a Spanish draft whose strings are all translated (what
    the translator's "Translate" and typing produce; tests/test_translation_workflow.py
    drives those through the admin's HTTP views): (base URL, Spanish page id)."""
    from wagtail.models import Locale
    from wagtail_localize.operations import TranslationCreator

    from articles.models import ArticlePage

    from .factories import make_article, store_spanish_strings

    call_command("load_demo_content", "--with-demo-users", stdout=io.StringIO())
    english = make_article("Living with myeloma", slug="living-with-myeloma")
    spanish = Locale.objects.get(language_code="es")
    TranslationCreator(None, [spanish]).create_translations(english)
    store_spanish_strings(spanish)
    page = ArticlePage.objects.get(translation_key=english.translation_key, locale=spanish)
    return live_server.url, page.pk


def test_the_translation_editor_submits_for_review(site, browser, screenshots):  # noqa: F811
    base_url, page_id = site
    editor = log_in(browser, base_url, "editor")
    editor.goto(f"{base_url}/admin/pages/{page_id}/edit/")
    button = editor.get_by_role("button", name="Submit for review: Español")
    button.wait_for()
    screenshots(editor, "translation-editor")
    assert editor.get_by_role("button", name="Publish in Español").count() == 0

    click_and_wait(editor, button)

    screenshots(editor, "translation-submitted")
    assert editor.get_by_text("Submitted to Medical review").count() == 1
    response = editor.context.browser.new_context().request.post(
        f"{base_url}/graphql/", data={"query": f'{{ page(id: "{page_id}") {{ id }} }}'}
    )
    assert response.json()["data"]["page"] is None  # submitted, not published
