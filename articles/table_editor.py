"""The comparison table in the Wagtail admin: its grid editor and its revision comparison.

The grid is Wagtail's own StreamField editing, laid out differently: the row block's
``form_template`` puts its child inputs on one line, the table block's ``form_template``
shows the column headings once, and ``ComparisonTableAdapter`` adds the script that pastes
tables and names every input by column and row. Rows stay a ListBlock of StructBlocks, so
validation, revisions and the typed GraphQL rows work as for any block.
"""

import re

from django import forms
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from wagtail import blocks
from wagtail.admin.compare import (
    StructBlockComparison,
    diff_text,
    get_comparison_class_for_block,
)
from wagtail.admin.staticfiles import versioned_static
from wagtail.blocks.struct_block import StructBlockAdapter

LABEL_FIELD = re.compile(r"\{(\w+)\}")


def text_label(block, value):
    """A StructBlock value named as the editor names it: ``Meta.label_format`` with each
    ``{child}`` replaced by that child's text (Wagtail does the same in the browser)."""
    label_format = block.meta.label_format or ""
    return LABEL_FIELD.sub(lambda match: str(value.get(match.group(1)) or ""), label_format)


class LabelledRowComparison(StructBlockComparison):
    """A row in the revision comparison, headed by its label (e.g. its treatment type), so a
    changed, added or deleted row is recognisable without reading every cell."""

    def heading(self, label_html):
        return format_html(
            '<p class="comparison__row-label"><strong>{}:</strong> {}</p>',
            self.block.label,
            label_html,
        )

    def htmlvalue(self, val):
        label = text_label(self.block, val)
        return format_html("{}{}", self.heading(label), super().htmlvalue(val))

    def htmldiff(self):
        label = diff_text(text_label(self.block, self.val_a), text_label(self.block, self.val_b))
        return format_html("{}{}", self.heading(label.to_html()), super().htmldiff())


class RowsListedComparison(StructBlockComparison):
    """A table added or deleted as a whole, its rows listed one by one (each under its
    label); Wagtail would show a ListBlock inside it as one run of text."""

    def htmlvalue(self, val):
        fields = []
        for name, block in self.block.child_blocks.items():
            if isinstance(block, blocks.ListBlock):
                html = self.items_html(block.child_block, val[name])
            else:
                comparison = get_comparison_class_for_block(block)
                html = comparison(block, True, True, val[name], val[name]).htmlvalue(val[name])
            fields.append((block.label, html))
        return format_html(
            "<dl>\n{}\n</dl>",
            format_html_join("\n", "    <dt>{}</dt>\n    <dd>{}</dd>", fields),
        )

    @staticmethod
    def items_html(child_block, items):
        comparison = get_comparison_class_for_block(child_block)
        return format_html_join(
            "\n",
            '<div class="comparison__child-object">{}</div>',
            ((comparison(child_block, True, True, item, item).htmlvalue(item),) for item in items),
        )


class ComparisonTableAdapter(StructBlockAdapter):
    """The table block's Telepath adapter: Wagtail's StructBlock with the grid script and
    styles (``articles/static/articles/``)."""

    js_constructor = "articles.blocks.ComparisonTableBlock"

    @cached_property
    def media(self):
        return super().media + forms.Media(
            js=[
                versioned_static("articles/table-paste.js"),
                versioned_static("articles/comparison-table-editor.js"),
            ],
            css={"all": [versioned_static("articles/comparison-table-editor.css")]},
        )
