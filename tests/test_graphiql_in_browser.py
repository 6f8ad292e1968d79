"""GraphiQL works offline: its pinned assets are served by the CMS itself (no CDN), and a
query runs in it, in a real browser (Playwright driving Debian's Chromium)."""

import io

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from tests.node_projects import npm_project
from tests.test_workflow_in_browser import browser  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server, settings):
    """The demo content behind a live server with GraphiQL on and its assets installed."""
    npm_project("delivery/graphiql")
    settings.GRAPPLE = {**settings.GRAPPLE, "EXPOSE_GRAPHIQL": True}
    settings.STATICFILES_DIRS = settings.GRAPHIQL_STATICFILES_DIRS
    finders.get_finder.cache_clear()
    call_command("load_demo_content", stdout=io.StringIO())
    yield live_server.url
    finders.get_finder.cache_clear()


def test_a_query_runs_in_graphiql_without_the_network(site, browser):  # noqa: F811
    context = browser.new_context()
    outside = []

    def only_local(route):
        if route.request.url.startswith(site):
            route.continue_()
        else:  # offline: anything from a CDN would be a blank page
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.goto(f"{site}/graphiql/")
    page.wait_for_selector(".graphiql-container", timeout=20_000)
    page.click(".graphiql-execute-button")
    page.wait_for_function(
        "document.querySelector('.result-window')"
        " && document.querySelector('.result-window').innerText.includes('Medical disclaimer')",
        timeout=20_000,
    )
    assert "Immunotherapy for Multiple Myeloma" in page.inner_text(".result-window")
    assert outside == []
    context.close()


def test_graphiql_is_off_unless_enabled(client, settings):
    settings.GRAPPLE = {**settings.GRAPPLE, "EXPOSE_GRAPHIQL": False}
    assert client.get("/graphiql/").status_code == 404
