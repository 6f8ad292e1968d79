"""The comparison table's grid editor on the server side: the block's form templates (column
headings from the row block), rows named by treatment type in revision comparisons, and the
admin preview rendering the table as the reference static site does. The grid in a browser
is tests/test_comparison_table_in_browser.py."""

import importlib.util
from html.parser import HTMLParser
from pathlib import Path

import pytest
from wagtail import blocks

from articles.blocks import ComparisonRowBlock, ComparisonTableBlock
from articles.models import ArticlePage

from .admin_forms import article_form

pytestmark = pytest.mark.django_db

STATIC_SITE_BUILD = (
    Path(__file__).resolve().parent.parent / "examples" / "static-site" / "build.py"
)


def edit(client, article, rows, *, block_ids=True):
    draft = article.get_latest_revision_as_object()
    data = article_form(draft, rows, block_ids=block_ids)
    response = client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 302, response.content[:2000]
    return ArticlePage.objects.get(pk=article.pk).latest_revision


def test_the_grid_has_a_heading_and_a_labelled_cell_per_column():
    form = ComparisonTableBlock().render_form_template()
    row_form = ComparisonRowBlock().render_form_template()
    for name, column in ComparisonRowBlock.base_blocks.items():
        assert f'<span class="comparison-table-editor__column">{column.label}' in form
        assert f'data-comparison-cell="{name}"' in row_form
        assert f'<label class="w-sr-only" for="__PREFIX__-{name}">{column.label}</label>' in (
            row_form
        )


def test_a_column_added_to_the_row_block_appears_without_template_edits():
    class RowWithCost(ComparisonRowBlock):
        typical_cost = blocks.CharBlock(required=False, label="Typical cost")

    table = ComparisonTableBlock([("rows", blocks.ListBlock(RowWithCost()))])
    assert '<span class="comparison-table-editor__column">Typical cost</span>' in (
        table.render_form_template()
    )
    assert 'data-comparison-cell="typical_cost"' in RowWithCost().render_form_template()


def test_the_article_editor_loads_the_grid_script_and_styles(login, seed_article):
    html = login("editor").get(f"/admin/pages/{seed_article.pk}/edit/").content.decode()
    for asset in ("table-paste.js", "comparison-table-editor.js", "comparison-table-editor.css"):
        assert f"/static/articles/{asset}" in html
    assert "articles.blocks.ComparisonTableBlock" in html  # the Telepath constructor


NEW_ROW = {
    "treatment_type": "Bispecific antibodies",
    "mechanism": "Bring T cells to myeloma cells",
    "administration": "Injection",
    "common_side_effects": "Cytokine release syndrome",
}
ROW_LABEL = '<p class="comparison__row-label"><strong>Treatment:</strong> '


def compare(client, article, before, after):
    url = f"/admin/pages/{article.pk}/revisions/compare/{before.pk}...{after.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_revision_comparisons_name_rows_by_treatment_type(login, seed_article):
    editor = login("editor")
    before = seed_article.live_revision
    after = edit(editor, seed_article, [{"treatment_type": "CAR-T Therapy"}, {}, NEW_ROW])
    html = compare(editor, seed_article, before, after)
    # A renamed row shows its name's change, an unchanged or added row its name.
    renamed = (
        '<span class="deletion">Cell-Based</span><span class="addition">CAR-T</span> Therapy</p>'
    )
    assert ROW_LABEL + renamed in html
    assert f"{ROW_LABEL}Protein-Based Therapy</p>" in html
    assert f'<div class="comparison__child-object addition">{ROW_LABEL}Bispecific antibodies' in (
        html
    )


def test_a_table_added_as_a_whole_lists_its_rows_by_name(login, seed_article):
    """Without block ids every body block counts as new: the added table lists its rows."""
    editor = login("editor")
    before = seed_article.live_revision
    after = edit(editor, seed_article, [{}, {}, NEW_ROW], block_ids=False)
    html = compare(editor, seed_article, before, after)
    for name in ("Cell-Based Therapy", "Protein-Based Therapy", "Bispecific antibodies"):
        assert f'<div class="comparison__child-object">{ROW_LABEL}{name}</p>' in html
    assert "<dd>Cytokine release syndrome</dd>" in html


class TableReader(HTMLParser):
    """A page's first table as (caption, column headings, rows of cell texts)."""

    def __init__(self, html):
        super().__init__()
        self.caption, self.headings, self.rows = "", [], []
        self.where = None
        self.done = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "caption":
            self.where = "caption"
        elif tag == "th" and ("scope", "col") in attrs:
            self.headings.append("")
            self.where = "heading"
        elif tag == "tr" and self.headings:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self.rows[-1].append("")
            self.where = "cell"

    def handle_endtag(self, tag):
        if tag == "table" and self.headings:
            self.done = True
        if tag in ("caption", "th", "td"):
            self.where = None

    def handle_data(self, data):
        if self.done or self.where is None:
            return
        if self.where == "caption":
            self.caption += data
        elif self.where == "heading":
            self.headings[-1] += data
        else:
            self.rows[-1][-1] += data

    def table(self):
        rows = [[cell.strip() for cell in row] for row in self.rows if row]
        return self.caption.strip(), [h.strip() for h in self.headings], rows


def static_site_table_html(graphql):
    """The comparison table as examples/static-site renders it from the API."""
    spec = importlib.util.spec_from_file_location("static_site_build", STATIC_SITE_BUILD)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    query = (
        '{ article(slug: "immunotherapy-for-multiple-myeloma") { body { __typename '
        "... on ComparisonTableBlock { caption rows { blocks { field "
        "... on CharBlock { value } } } } } } }"
    )
    body = graphql.execute(query)["article"]["body"]
    [table] = [block for block in body if block["__typename"] == "ComparisonTableBlock"]
    return build.block_html(table)


def test_the_admin_preview_shows_the_table_as_the_reference_frontend_does(
    login, seed_article, graphql
):
    editor = login("editor")
    url = f"/admin/pages/{seed_article.pk}/edit/preview/"
    draft = seed_article.get_latest_revision_as_object()
    assert editor.post(url, article_form(draft)).json()["is_valid"]
    preview = editor.get(url, {"mode": "", "in_preview_panel": "true"})
    assert preview.status_code == 200
    previewed = TableReader(preview.content.decode()).table()
    assert previewed == TableReader(static_site_table_html(graphql)).table()
    caption, headings, rows = previewed
    assert caption == "Comparison of Immunotherapy Options"
    assert headings == [column.label for column in ComparisonRowBlock.base_blocks.values()]
    assert len(rows) == 2  # the factory article has two rows
    assert rows[0][0] == "Cell-Based Therapy"
