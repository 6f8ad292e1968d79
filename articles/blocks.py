"""StreamField blocks for health articles.

Block class names become GraphQL type names that apps depend on: rename with care.
"""

from django.core.exceptions import ValidationError
from grapple.helpers import register_streamfield_block
from grapple.models import GraphQLField, GraphQLRichText, GraphQLString
from grapple.registry import registry
from wagtail import blocks
from wagtail.admin.telepath import register as register_block_adapter
from wagtail.blocks.struct_block import StructBlockValidationError

from .graphql_types import required_list
from .table_editor import ComparisonTableAdapter, LabelledRowComparison, RowsListedComparison

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# The article intro may also hold images, each with its own alt text (or marked decorative).
INTRO_FEATURES = [*RICH_TEXT_FEATURES, "image"]

# The block picker previews blocks in the reader view's styles.
PREVIEW_TEMPLATE = "articles/blocks/preview.html"
PREVIEW_PARAGRAPH = (
    "<p>Immunotherapy helps the immune system find and attack cancer cells. Your care team "
    "will explain which options suit you.</p>"
)


def block_type(block_class):
    return lambda: registry.streamfield_blocks[block_class]


def bound_items(list_name):
    """A Grapple field source serving a ListBlock's items with their stable block ids."""

    def items(self, info, values, **kwargs):
        return values[list_name].bound_blocks

    return items


@register_streamfield_block
class SubsectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text="A short heading within the section.")
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    graphql_fields = [
        GraphQLString("heading", required=True, description="The subsection's heading."),
        GraphQLRichText("body", required=True, description="The subsection's text."),
    ]

    class Meta:
        icon = "doc-full"
        label = "Subsection"
        template = "articles/blocks/subsection.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"heading": "Cell-based therapies", "body": PREVIEW_PARAGRAPH}
        description = "A part of a section with its own heading."
        graphql_description = "A titled part of a section."


@register_streamfield_block
class SectionBlock(blocks.StructBlock):
    """A titled part of an article, optionally divided into subsections."""

    heading = blocks.CharBlock(max_length=120, help_text="Apps list it in the table of contents.")
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    subsections = blocks.ListBlock(
        SubsectionBlock(), min_num=0, default=[], help_text="Optional, after the section's text."
    )

    graphql_fields = [
        GraphQLString("heading", required=True, description="The section's heading."),
        GraphQLRichText(
            "body", required=True, description="The section's text, before its subsections."
        ),
        GraphQLField(
            "subsections",
            required_list(block_type(SubsectionBlock)),
            source="bound_subsections",
            description="The section's subsections, in order (possibly none).",
        ),
    ]
    bound_subsections = bound_items("subsections")

    class Meta:
        icon = "title"
        label = "Section"
        form_classname = "article-section"
        template = "articles/blocks/section.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "heading": "Types of immunotherapy",
            "body": PREVIEW_PARAGRAPH,
            "subsections": [{"heading": "Cell-based therapies", "body": PREVIEW_PARAGRAPH}],
        }
        description = "A titled part of the article: text, then optional subsections."
        graphql_description = "A titled part of an article, optionally with subsections."


PREVIEW_ROW = {
    "treatment_type": "Cell-based therapy",
    "mechanism": "Modifies immune cells to target cancer cells",
    "administration": "Intravenous infusion",
    "common_side_effects": "Fever, fatigue",
}


class ColumnFields:
    """``graphql_fields`` for a block whose children are text columns: one string per child,
    in order, non-null when the child is required. Read from the class each time, so the
    GraphQL type always has exactly the block's columns."""

    def __get__(self, instance, owner):
        return [
            GraphQLString(
                name,
                required=child.required,
                description=f"The row's {str(child.label).lower()}.",
            )
            for name, child in owner.base_blocks.items()
        ]


@register_streamfield_block
class ComparisonRowBlock(blocks.StructBlock):
    """One treatment in a comparison table: one child block per column, in column order.

    The columns are defined here only. The GraphQL type, the reader template, the demo
    loader, the test factories and the static example all derive them from the children,
    so adding a column means adding a child block, then generating the migration and
    ``schema.graphql``. Publishing requires the children marked ``required``; a new column
    with ``required=False`` never blocks republishing an existing article.
    """

    treatment_type = blocks.CharBlock(max_length=120, label="Treatment type")
    mechanism = blocks.CharBlock(max_length=255)
    administration = blocks.CharBlock(max_length=255)
    common_side_effects = blocks.CharBlock(max_length=255, label="Common side effects")

    graphql_fields = ColumnFields()

    def clean(self, value):
        if self.is_deferred_validation:  # saving a draft: rows may still be incomplete
            return super().clean(value)
        missing = {
            name: ValidationError(
                f"{block.label} is required: every row of a comparison table needs it.",
                code="required",
            )
            for name, block in self.child_blocks.items()
            if block.required and not str(value.get(name) or "").strip()
        }
        if missing:
            raise StructBlockValidationError(block_errors=missing)
        return super().clean(value)

    def get_comparison_class(self):
        return LabelledRowComparison

    class Meta:
        icon = "list-ul"
        label = "Treatment"
        # Names the row in its editor header and in revision comparisons.
        label_format = "{treatment_type}"
        # One line of inputs in the table's grid editor (articles/table_editor.py).
        form_template = "articles/block_forms/comparison_row.html"
        template = "articles/blocks/comparison_row.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = PREVIEW_ROW
        description = "One treatment: a row of the comparison table."
        graphql_description = "One treatment in a comparison table: every column has a value."


@register_streamfield_block
class ComparisonTableBlock(blocks.StructBlock):
    """A comparison of treatment types with named, typed columns (not a cell grid)."""

    caption = blocks.CharBlock(max_length=160, help_text="What the table compares.")
    rows = blocks.ListBlock(ComparisonRowBlock(), min_num=1, help_text="One row per treatment.")

    graphql_fields = [
        GraphQLString("caption", required=True, description="What the table compares."),
        GraphQLField(
            "rows",
            required_list(block_type(ComparisonRowBlock)),
            source="bound_rows",
            description="One row per treatment (at least one), in the editors' order.",
        ),
    ]
    bound_rows = bound_items("rows")

    @property
    def row_columns(self):
        """The row block's children, in column order: the table's columns."""
        return self.child_blocks["rows"].child_block.child_blocks.values()

    def get_context(self, value, parent_context=None):
        """Adds ``columns``: the label of each column, for the table's header row."""
        context = super().get_context(value, parent_context)
        context["columns"] = [child.label for child in self.row_columns]
        return context

    def get_form_context(self, value, prefix="", errors=None):
        """Adds ``columns`` (each with its label and whether it is required) for the grid
        editor's column headings."""
        context = super().get_form_context(value, prefix, errors)
        context["columns"] = [
            {"name": child.name, "label": child.label, "required": child.required}
            for child in self.row_columns
        ]
        return context

    def get_comparison_class(self):
        return RowsListedComparison

    class Meta:
        icon = "table"
        label = "Comparison table"
        template = "articles/blocks/comparison_table.html"
        form_template = "articles/block_forms/comparison_table.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "caption": "Comparison of immunotherapy options",
            "rows": [
                PREVIEW_ROW,
                {
                    "treatment_type": "Protein-based therapy",
                    "mechanism": "Antibodies mark cancer cells for the immune system",
                    "administration": "Injection or infusion",
                    "common_side_effects": "Infusion reactions, infections",
                },
            ],
        }
        description = "Treatments compared side by side, one row each, in fixed columns."
        graphql_description = (
            "A table comparing treatments, with named columns (render it as a table)."
        )


register_block_adapter(ComparisonTableAdapter(), ComparisonTableBlock)


class ArticleStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    comparison_table = ComparisonTableBlock()

    class Meta:
        block_counts = {"section": {"min_num": 1}}
