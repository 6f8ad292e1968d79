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


def block_type(block_class):
    return lambda: registry.streamfield_blocks[block_class]


def bound_items(list_name):
    """A Grapple field source serving a ListBlock's items with their stable block ids."""

    def items(self, info, values, **kwargs):
        return values[list_name].bound_blocks

    return items


@register_streamfield_block
class SubsectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    graphql_fields = [
        GraphQLString("heading", required=True, description="The subsection's heading."),
        GraphQLRichText("body", required=True, description="The subsection's text."),
    ]

    class Meta:
        icon = "doc-full"
        label = "Subsection"
        graphql_description = "A titled part of a section."


@register_streamfield_block
class SectionBlock(blocks.StructBlock):
    """A titled part of an article, optionally divided into subsections."""

    heading = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    subsections = blocks.ListBlock(SubsectionBlock(), min_num=0, default=[])

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
        graphql_description = "A titled part of an article, optionally with subsections."


@register_streamfield_block
class ComparisonRowBlock(blocks.StructBlock):
    """One treatment in a comparison table. Every column is required."""

    treatment_type = blocks.CharBlock(max_length=120, label="Treatment type")
    mechanism = blocks.CharBlock(max_length=255)
    administration = blocks.CharBlock(max_length=255)
    common_side_effects = blocks.CharBlock(max_length=255, label="Common side effects")

    graphql_fields = [
        GraphQLString("treatment_type", required=True, description="The treatment, e.g. `CAR-T`."),
        GraphQLString("mechanism", required=True, description="How the treatment works."),
        GraphQLString(
            "administration", required=True, description="How and how often it is given."
        ),
        GraphQLString(
            "common_side_effects", required=True, description="Its most common side effects."
        ),
    ]

    def clean(self, value):
        if self.is_deferred_validation:  # saving a draft: rows may still be incomplete
            return super().clean(value)
        missing = {
            name: ValidationError(
                f"{block.label} is required: every row of a comparison table needs it.",
                code="required",
            )
            for name, block in self.child_blocks.items()
            if not str(value.get(name) or "").strip()
        }
        if missing:
            raise StructBlockValidationError(block_errors=missing)
        return super().clean(value)

    class Meta:
        icon = "list-ul"
        label = "Treatment"
        graphql_description = "One treatment in a comparison table: every column has a value."


@register_streamfield_block
class ComparisonTableBlock(blocks.StructBlock):
    """A comparison of treatment types with named, typed columns (not a cell grid)."""

    caption = blocks.CharBlock(max_length=160)
    rows = blocks.ListBlock(ComparisonRowBlock(), min_num=1)

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

    class Meta:
        icon = "table"
        label = "Comparison table"
        graphql_description = (
            "A table comparing treatments, with named columns (render it as a table)."
        )


class ArticleStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    comparison_table = ComparisonTableBlock()

    class Meta:
        block_counts = {"section": {"min_num": 1}}
