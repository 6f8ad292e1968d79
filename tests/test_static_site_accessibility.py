"""The reference static site is presentable and accessible: axe-core (pinned in
tests/node) finds no violation on its pages in Chromium, at desktop and phone widths, and
the comparison table scrolls inside its own region instead of widening the page. In both
languages of the demo content (English and its Spanish demo translation)."""

import functools
import io
from http.server import SimpleHTTPRequestHandler

import pytest
from django.core.management import call_command

from tests.factories import make_article
from tests.local_http import serving
from tests.node_projects import npm_project
from tests.test_static_site import SEED_PAGE, SPANISH_PAGE, run_build
from tests.test_workflow_in_browser import browser  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Both languages: the language choice, each language's index and the seed article's versions.
PAGES = [
    "index.html",
    "en/index.html",
    SEED_PAGE,
    "en/health-articles/tests-and-scripts/index.html",
    "es/index.html",
    SPANISH_PAGE,
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}


@pytest.fixture
def site(live_server, tmp_path):
    """The static site built from the demo content, served over HTTP: its base URL."""
    call_command("load_demo_content", stdout=io.StringIO())
    make_article("Tests & <scripts>: what to expect", slug="tests-and-scripts")
    out = tmp_path / "site"
    run_build(live_server, out)
    with serving(functools.partial(SimpleHTTPRequestHandler, directory=str(out))) as url:
        yield f"{url}/"


@pytest.fixture
def axe_script():
    return npm_project("tests/node") / "node_modules" / "axe-core" / "axe.min.js"


def violations(page, axe_script):
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_passes_axe(site, browser, axe_script, viewport):  # noqa: F811
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    found = {}
    for path in PAGES:
        page.goto(site + path)
        assert page.evaluate("getComputedStyle(document.body).margin") == "0px"  # styled
        found[path] = violations(page, axe_script)
    context.close()
    assert found == {path: [] for path in PAGES}


def test_the_table_scrolls_in_its_region_on_a_phone(site, browser):  # noqa: F811
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(site + SEED_PAGE)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
    region = page.locator(".table-scroll")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")  # the table scrolls
    assert region.locator("table > caption").inner_text() == "Comparison of Immunotherapy Options"
    assert region.locator("th[scope=col]").count() == 4
    assert region.locator("tbody th[scope=row]").count() == 3
    border = region.locator("td").first.evaluate("td => getComputedStyle(td).borderTopStyle")
    assert border == "solid"
    review = page.locator(".review")
    assert review.inner_text().startswith("Last reviewed ")
    assert page.locator("article .disclaimer h2").inner_text() == "Medical disclaimer"
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()
