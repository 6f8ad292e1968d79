"""An ``Outline`` as the values of an article's fields: rich text, typed blocks, a summary.

Every block is cleaned as publishing would clean it, so an import that succeeds never
leaves an editor a draft that cannot go to review for a reason the document caused.
"""

import html
import re

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.blocks import StreamValue

from ..blocks import ArticleStreamBlock, ComparisonRowBlock, SectionBlock
from ..models import ArticlePage
from .outline import DocumentError, Section, Table

SUMMARY_LENGTH = ArticlePage._meta.get_field("summary").max_length


def paragraphs_html(paragraphs, links=()):
    """Paragraphs as rich text, with each ``(name, url)`` in ``links`` linked where named."""
    rendered = []
    for paragraph in paragraphs:
        text = html.escape(paragraph, quote=False)
        for name, url in links:
            text = re.sub(
                re.escape(html.escape(name, quote=False)),
                lambda match, url=url: f'<a href="{html.escape(url)}">{match.group(0)}</a>',
                text,
            )
        rendered.append(f"<p>{text}</p>")
    return "".join(rendered)


def plain_text(rich_text):
    """Rich text as the words a reader sees, for comparing texts."""
    return " ".join(html.unescape(strip_tags(rich_text)).split())


def comparison_rows(table):
    """The table's rows as comparison row values: its column headings matched to the labels
    of ``ComparisonRowBlock``'s columns, in any order and any case. Every required column
    must be there; an optional one may be left out."""
    children = ComparisonRowBlock().child_blocks
    by_label = {str(child.label).lower(): name for name, child in children.items()}
    labels = ", ".join(str(child.label) for child in children.values())
    unknown = [heading for heading in table.columns if heading.lower() not in by_label]
    if unknown:
        raise DocumentError(
            f"{', '.join(repr(h) for h in unknown)} is not a comparison table column; the "
            f"columns are: {labels}.",
            table.header_line,
            "table_columns",
        )
    names = [by_label[heading.lower()] for heading in table.columns]
    missing = [
        str(child.label)
        for name, child in children.items()
        if child.required and name not in names
    ]
    if missing:
        raise DocumentError(
            f"the table lacks the column(s) {', '.join(missing)}; the columns are: {labels}.",
            table.header_line,
            "table_columns",
        )
    if not table.rows:
        raise DocumentError("the table has no rows.", table.header_line, "table")
    return [dict(zip(names, cells, strict=True)) for cells in table.rows]


def section_value(section, links=()):
    return {
        "heading": section.heading,
        "body": paragraphs_html(section.paragraphs, links),
        "subsections": [
            {"heading": sub.heading, "body": paragraphs_html(sub.paragraphs)}
            for sub in section.subsections
        ],
    }


def article_body(outline, links=()):
    """The outline's sections and tables as the article's stream, each block cleaned as
    for publishing (a problem is reported at the line of the block that has it)."""
    stream_block = ArticleStreamBlock()
    blocks = []
    for part in outline.body:
        if isinstance(part, Table):
            name = "comparison_table"
            value = {"caption": part.caption, "rows": comparison_rows(part)}
        else:
            name, value = "section", section_value(part, links)
        child = stream_block.child_blocks[name]
        blocks.append((name, clean_block(child, child.to_python(value), part)))
    if not any(isinstance(part, Section) for part in outline.body):
        raise DocumentError(
            "The document has no section: start one with a heading ('## Heading' in Markdown).",
            code="structure",
        )
    return StreamValue(stream_block, blocks)


def clean_block(block, value, part):
    try:
        return block.clean(value)
    except ValidationError as error:
        raise DocumentError(block_problem(block, error, part), part.line, "invalid") from None


def block_problem(block, error, part):
    """What is wrong with a section or table, in the document's words."""
    what = f"section '{part.heading}'" if isinstance(block, SectionBlock) else "the table"
    problems = []
    for field, messages in flattened(error):
        problems.append(f"{field}: {messages}" if field else messages)
    return f"{what}: {'; '.join(problems)}"


def flattened(error, path=""):
    """``(where, message)`` for each leaf of a (nested) block validation error."""
    if hasattr(error, "block_errors") and error.block_errors:
        errors = error.block_errors
        items = errors.items() if isinstance(errors, dict) else enumerate(errors)
        for key, child in items:
            if child is None:
                continue
            where = f"row {key + 1}" if isinstance(key, int) else str(key).replace("_", " ")
            yield from flattened(child, f"{path} {where}".strip())
        for message in getattr(error, "non_block_errors", None) or []:
            yield path, " ".join(message.messages if hasattr(message, "messages") else [message])
        return
    if hasattr(error, "error_list"):
        yield path, " ".join(str(message) for item in error.error_list for message in item)
        return
    yield path, str(error)


def summary_from(outline):
    """The listing summary: the intro's first paragraph, shortened to fit."""
    return Truncator(outline.intro[0]).chars(SUMMARY_LENGTH)
