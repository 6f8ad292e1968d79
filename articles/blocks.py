"""StreamField blocks for health articles.

Block class names become GraphQL type names that apps depend on: rename with care.
"""

from django.core.exceptions import ValidationError
from grapple.helpers import register_streamfield_block
from grapple.models import GraphQLField, GraphQLRichText, GraphQLString
from grapple.registry import registry
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .graphql_types import required_list

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

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
        GraphQLString("heading", required=True),
        GraphQLRichText("body", required=True),
    ]

    class Meta:
        icon = "doc-full"
        label = "Subsection"
        template = "articles/blocks/subsection.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"heading": "Cell-based therapies", "body": PREVIEW_PARAGRAPH}
        description = "A part of a section with its own heading."


@register_streamfield_block
class SectionBlock(blocks.StructBlock):
    """A titled part of an article, optionally divided into subsections."""

    heading = blocks.CharBlock(max_length=120, help_text="Apps list it in the table of contents.")
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    subsections = blocks.ListBlock(
        SubsectionBlock(), min_num=0, default=[], help_text="Optional, after the section's text."
    )

    graphql_fields = [
        GraphQLString("heading", required=True),
        GraphQLRichText("body", required=True),
        GraphQLField(
            "subsections", required_list(block_type(SubsectionBlock)), source="bound_subsections"
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
            GraphQLString(name, required=child.required)
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

    class Meta:
        icon = "list-ul"
        label = "Treatment"
        template = "articles/blocks/comparison_row.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = PREVIEW_ROW
        description = "One treatment: a row of the comparison table."


@register_streamfield_block
class ComparisonTableBlock(blocks.StructBlock):
    """A comparison of treatment types with named, typed columns (not a cell grid)."""

    caption = blocks.CharBlock(max_length=160, help_text="What the table compares.")
    rows = blocks.ListBlock(ComparisonRowBlock(), min_num=1, help_text="One row per treatment.")

    graphql_fields = [
        GraphQLString("caption", required=True),
        GraphQLField("rows", required_list(block_type(ComparisonRowBlock)), source="bound_rows"),
    ]
    bound_rows = bound_items("rows")

    def get_context(self, value, parent_context=None):
        """Adds ``columns``: the label of each column, for the table's header row."""
        context = super().get_context(value, parent_context)
        row_block = self.child_blocks["rows"].child_block
        context["columns"] = [child.label for child in row_block.child_blocks.values()]
        return context

    class Meta:
        icon = "table"
        label = "Comparison table"
        template = "articles/blocks/comparison_table.html"
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


class ArticleStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    comparison_table = ComparisonTableBlock()

    class Meta:
        block_counts = {"section": {"min_num": 1}}
