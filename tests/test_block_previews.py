"""The block picker previews article blocks in the reader view's styles, and describes them."""

import pytest

from articles.models import ArticlePage

pytestmark = pytest.mark.django_db


def body_block(name):
    return ArticlePage._meta.get_field("body").stream_block.child_blocks[name]


def preview(client, name):
    response = client.get("/admin/block-preview/", {"id": body_block(name).definition_prefix})
    assert response.status_code == 200
    return response.content.decode()


def test_an_editor_previews_the_comparison_table_as_readers_see_it(login):
    html = preview(login("editor"), "comparison_table")
    assert "border-collapse: collapse" in html  # the reader view's styles
    assert "<caption>Comparison of immunotherapy options</caption>" in html
    headings = "".join(
        f'<th scope="col">{child.label}</th>'
        for child in body_block("comparison_table")
        .child_blocks["rows"]
        .child_block.child_blocks.values()
    )
    assert headings in html
    assert '<tr><th scope="row">Cell-based therapy</th>' in html


def test_an_editor_previews_a_section_with_its_subsection(login):
    html = preview(login("editor"), "section")
    assert "<h2>Types of immunotherapy</h2>" in html
    assert "<h3>Cell-based therapies</h3>" in html


def test_the_article_editor_describes_blocks_and_chooses_several_sources(login, seed_article):
    response = login("editor").get(f"/admin/pages/{seed_article.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert body_block("comparison_table").meta.description in html
    assert "Add trusted sources" in html  # MultipleChooserPanel's button
