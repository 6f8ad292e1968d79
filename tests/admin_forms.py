"""POST data for Wagtail admin forms, built the way the admin's own forms submit them."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import FIRST_ROW


def article_form(article, rows=None, *, sections=True, block_ids=False, **fields):
    """POST data for the article edit form, as the admin submits it for ``article``.

    ``rows`` replaces the comparison table's rows: each a dict of the cells to change in
    the article's row at that index (``[{"mechanism": ""}]``: one row, mechanism emptied).
    ``sections=False`` leaves the body's sections out; ``block_ids=True`` sends the body's
    and the table rows' block ids, as the admin's editor does (revision comparisons then
    match blocks by id); ``fields`` override form fields (``disclaimer=""``,
    ``go_live_at="2030-01-01 09:00"``, ...).
    """
    body = []
    for block in article.body:
        value = block.value
        if block.block_type == "section" and not sections:
            continue
        if block.block_type == "section":
            body.append(
                (
                    "section",
                    {
                        "heading": value["heading"],
                        "body": rich_text(value["body"].source),
                        "subsections": streamfield_list(
                            {"heading": s["heading"], "body": rich_text(s["body"].source)}
                            for s in value["subsections"]
                        ),
                    },
                )
            )
        else:
            body.append(
                (
                    "comparison_table",
                    {
                        "caption": value["caption"],
                        "rows": streamfield_list(table_rows(value, rows)),
                    },
                )
            )
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "subtitle": article.subtitle,
            "summary": article.summary,
            "condition": article.condition_id,
            "intro": rich_text(article.intro),
            "body": streamfield(body),
            "source_links": inline_formset(
                [{"source": link.source_id} for link in article.source_links.all()]
            ),
            "disclaimer": article.disclaimer_id,
            "comments": inline_formset([]),
            **fields,
        }
    )
    return {**data, **body_block_ids(article, sections)} if block_ids else data


def body_block_ids(article, sections=True):
    """The ``-id`` fields of the body's blocks and of the comparison table's rows."""
    ids = {}
    stream = [b for b in article.body if sections or b.block_type != "section"]
    for i, block in enumerate(stream):
        ids[f"body-{i}-id"] = block.id
        if block.block_type == "comparison_table":
            for j, row in enumerate(block.value["rows"].bound_blocks):
                ids[f"body-{i}-value-rows-{j}-id"] = row.id
    return ids


def streamfield_list(items):
    items = list(items)
    data = {
        str(i): {"value": item, "deleted": "", "order": str(i)} for i, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def table_rows(table, changes=None):
    """Every cell of every row of a comparison table value, with ``changes`` applied (see
    ``article_form``); the columns are the row block's children."""
    current = list(table["rows"])
    changes = [{}] * len(current) if changes is None else changes
    columns = table.block.child_blocks["rows"].child_block.child_blocks
    return [
        {
            name: row_changes.get(
                name, current[i][name] if i < len(current) else column.get_default()
            )
            for name, column in columns.items()
        }
        for i, row_changes in enumerate(changes)
    ]


# The first row of the site's article, whole: for tests that still pass complete rows
# (``[{**SEED_ROWS[0], "mechanism": ""}]``); ``article_form`` also takes just the changes.
SEED_ROWS = [FIRST_ROW]
