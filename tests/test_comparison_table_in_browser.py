"""The comparison table's grid editor in Chromium: an editor pastes tables (a wrong one is
refused), reorders rows, fixes the cell validation flags and submits; after both approvals
GraphQL serves the typed rows in the new order. Also: three rows fit on one screen at
1280x800, the grid is keyboard-navigable, and axe-core finds no violation on the edit view.
Screenshots go to .test-artifacts/browser-table/; the measured height to
.test-artifacts/browser-table/measurements.json."""

import json
from pathlib import Path

import pytest

from .node_projects import npm_project
from .test_workflow_in_browser import (  # noqa: F401 (fixtures)
    browser,
    click_and_wait,
    log_in,
    numbered_screenshot_paths,
    open_action_menu,
    site,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = Path(__file__).resolve().parent.parent / ".test-artifacts" / "browser-table"
SCREEN = {"width": 1280, "height": 800}
ROWS = "[data-comparison-row]:visible"  # a deleted row stays in the form, hidden
COLUMNS = ["treatment_type", "mechanism", "administration", "common_side_effects"]
QUERY = """{ article(slug: "immunotherapy-for-multiple-myeloma") {
    body { ... on ComparisonTableBlock {
        rows { treatmentType mechanism administration commonSideEffects } } } } }"""

THREE_COLUMNS = "\n".join(
    "\t".join(row)
    for row in [
        ["CAR-T", "Modified T cells", "Infusion"],
        ["Antibodies", "Mark myeloma cells", "Infusion"],
        ["Bispecifics", "Bring T cells to cells", "Injection"],
        ["Vaccines", "Train the immune system", "Injection"],
    ]
)
# From a spreadsheet: a heading line, then four rows; one cell left empty.
PASTED_ROWS = [
    ["CAR-T cell therapy", "Modified T cells attack myeloma", "One infusion", "Cytokine release"],
    ["Monoclonal antibodies", "Mark myeloma cells", "Infusion", "Infusion reactions"],
    ["Bispecific antibodies", "Bring T cells to myeloma cells", "", "Infections"],
    ["Vaccines", "Train the immune system", "Injection", "Sore arm"],
]
FOUR_COLUMNS = "\r\n".join(
    "\t".join(row)
    for row in [["Treatment type", "Mechanism", "Administration", "Common side effects"]]
    + PASTED_ROWS
)


@pytest.fixture
def artifacts():
    path = numbered_screenshot_paths(ARTIFACTS)

    def shoot(page, name):
        """The table editor, or the whole screen when the page has none."""
        table = page.locator("[data-comparison-table]")
        (table if table.count() else page).screenshot(path=path(name))

    return shoot


@pytest.fixture
def axe_script():
    return npm_project("tests/node") / "node_modules" / "axe-core" / "axe.min.js"


def editor_page(browser, base_url):  # noqa: F811
    page = log_in(browser, base_url, "editor")
    page.set_viewport_size(SCREEN)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    return page


def cell(page, column, row):
    """The input of a column in a row (1-based), found as a screen reader names it."""
    label = {"treatment_type": "Treatment type", "common_side_effects": "Common side effects"}
    return page.get_by_label(f"{label.get(column, column.capitalize())}, row {row}", exact=True)


def grid_values(page):
    rows = page.locator(ROWS)
    return [
        [
            rows.nth(i).locator(f'[data-comparison-cell="{name}"] input').input_value()
            for name in COLUMNS
        ]
        for i in range(rows.count())
    ]


def paste(page, target, text):
    """Paste as an editor does: the text on the clipboard, then Ctrl+V in a cell."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    target.focus()
    page.keyboard.press("Control+V")


def paste_message(page):
    return page.locator("[data-comparison-paste-message]")


def served_rows(browser, base_url):  # noqa: F811
    response = browser.new_context().request.post(f"{base_url}/graphql/", data={"query": QUERY})
    assert response.ok, response.text()
    [table] = [block for block in response.json()["data"]["article"]["body"] if block]
    return [list(row.values()) for row in table["rows"]]


def approve(browser, base_url, article_id, username):  # noqa: F811
    page = log_in(browser, base_url, username)
    page.goto(f"{base_url}/admin/pages/{article_id}/edit/")
    open_action_menu(page)
    click_and_wait(page, page.locator('button[data-workflow-action-name="approve"]').first)
    return page


def test_three_rows_fit_on_one_screen_and_axe_finds_no_violation(site, browser, axe_script):  # noqa: F811
    base_url, article_id = site
    page = editor_page(browser, base_url)
    page.goto(f"{base_url}/admin/pages/{article_id}/edit/")
    assert page.locator("[data-comparison-row]").count() == 3
    first = cell(page, "treatment_type", 1).bounding_box()
    last = cell(page, "common_side_effects", 3).bounding_box()
    height = last["y"] + last["height"] - first["y"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    measured = {"viewport": SCREEN, "three_rows_px": height}
    (ARTIFACTS / "measurements.json").write_text(json.dumps(measured))
    print(f"three rows at 1280x800: {height:.1f}px")
    assert height < SCREEN["height"]
    # Each column heading stands over its column's inputs.
    headings = page.locator(".comparison-table-editor__column")
    for i, name in enumerate(COLUMNS):
        heading_x = headings.nth(i).bounding_box()["x"]
        assert abs(heading_x - cell(page, name, 1).bounding_box()["x"]) < 2

    page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(
        """async () => (await axe.run(document)).violations.map(
            v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)"""
    )
    assert violations == []


def focused(page):
    return page.evaluate("document.activeElement.getAttribute('aria-label')")


def test_keyboard_moves_through_the_grid(site, browser):  # noqa: F811
    base_url, article_id = site
    page = editor_page(browser, base_url)
    page.goto(f"{base_url}/admin/pages/{article_id}/edit/")
    cell(page, "mechanism", 1).focus()
    page.keyboard.press("ArrowDown")
    assert focused(page) == "Mechanism, row 2"
    # Tab goes along the row (past the cell's "Add Comment" button).
    page.keyboard.press("Tab")
    assert focused(page) == "Add Comment"
    page.keyboard.press("Tab")
    assert focused(page) == "Administration, row 2"
    page.keyboard.press("ArrowUp")
    assert focused(page) == "Administration, row 1"
    page.keyboard.press("ArrowUp")  # no row above: focus stays
    assert focused(page) == "Administration, row 1"


def row_action(page, row, action):
    """Click one of Wagtail's actions (DUPLICATE, DELETE, MOVE_DOWN, ...) on a row."""
    panel = page.locator(ROWS).nth(row - 1)
    panel = panel.locator("xpath=ancestor::*[@data-streamfield-child][1]")
    panel.locator(f'[data-streamfield-action="{action}"]').first.click()


def test_duplicated_and_deleted_rows_keep_the_names_in_order(site, browser):  # noqa: F811
    base_url, article_id = site
    page = editor_page(browser, base_url)
    page.goto(f"{base_url}/admin/pages/{article_id}/edit/")
    first = grid_values(page)[0]
    row_action(page, 1, "DUPLICATE")
    assert grid_values(page)[:2] == [first, first]
    assert cell(page, "common_side_effects", 4).count() == 1
    row_action(page, 1, "DELETE")
    from playwright.sync_api import expect

    expect(page.locator(ROWS)).to_have_count(3)  # after its animation
    assert cell(page, "common_side_effects", 4).count() == 0  # named again, rows 1 to 3
    assert cell(page, "treatment_type", 1).input_value() == first[0]
    assert cell(page, "treatment_type", 3).input_value() == grid_values(page)[2][0]


def test_editor_pastes_reorders_fixes_and_submits_then_apps_get_the_rows(
    site,  # noqa: F811
    browser,  # noqa: F811
    artifacts,
):
    base_url, article_id = site
    page = editor_page(browser, base_url)
    page.goto(f"{base_url}/admin/pages/{article_id}/edit/")
    before = grid_values(page)
    assert len(before) == 3

    paste(page, cell(page, "treatment_type", 1), THREE_COLUMNS)
    message = paste_message(page)
    assert "has 3 columns; this table has 4" in message.inner_text()
    assert "Nothing was changed." in message.inner_text()
    assert message.is_visible()
    artifacts(page, "three-columns-refused")
    assert grid_values(page) == before

    paste(page, cell(page, "treatment_type", 1), FOUR_COLUMNS)
    assert message.inner_text() == "Pasted 4 rows from row 1."
    assert grid_values(page) == PASTED_ROWS
    artifacts(page, "four-columns-pasted")

    # The first two rows change places; the inputs' names follow.
    row_action(page, 1, "MOVE_DOWN")
    order = [PASTED_ROWS[1], PASTED_ROWS[0], *PASTED_ROWS[2:]]
    assert grid_values(page) == order
    assert cell(page, "treatment_type", 2).input_value() == "CAR-T cell therapy"

    open_action_menu(page)
    click_and_wait(page, page.locator('button[name="action-submit"]'))
    empty = cell(page, "administration", 3)
    error = page.locator('[data-comparison-cell="administration"] .error-message')
    assert error.count() == 1
    assert error.inner_text() == (
        "Administration is required: every row of a comparison table needs it."
    )
    assert empty.get_attribute("aria-invalid") == "true"
    # The error sits in that cell: the row and column of the empty input.
    flagged = page.locator("[data-comparison-cell]").filter(has=page.locator(".error-message"))
    assert flagged.locator("input").get_attribute("aria-label") == "Administration, row 3"
    assert grid_values(page) == order  # the editor's order survives the refusal
    artifacts(page, "empty-cell-flagged")

    empty.fill("Injection under the skin")
    open_action_menu(page)
    click_and_wait(page, page.locator('button[name="action-submit"]'))
    assert "has been submitted for moderation" in page.content()
    artifacts(page, "submitted")
    served_before = served_rows(browser, base_url)
    assert served_before == before  # nothing served before review

    approve(browser, base_url, article_id, "publisher")
    reviewer = approve(browser, base_url, article_id, "reviewer")
    assert "Approved and published" in reviewer.content()
    order[2] = [*order[2][:2], "Injection under the skin", order[2][3]]
    assert served_rows(browser, base_url) == order
