"""Two per-field costs of Grapple, removed from the built schema without changing output.

Measured on a page of 100 full articles (cProfile, README "Performance"):

- Rich text: Grapple's ``RichText`` scalar serialises through Wagtail's ``RichText.__html__``,
  which renders the template ``wagtailcore/shared/richtext.html`` around
  ``expand_db_html``; that template is ``{{ html|safe }}``, so the render only costs
  (about 15 % of the request). While the template is Wagtail's own, the scalar returns
  ``expand_db_html`` directly; a project that overrides the template keeps Wagtail's path.
- Block fields: Grapple's generic ``streamfield_resolver`` converts the GraphQL field
  name to the block's child name with two regular expressions on every resolution (about
  10 %). Each block field gets a resolver with its child name worked out once.
"""

from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from graphql import GraphQLObjectType
from grapple.actions import convert_to_underscore, get_field_value, streamfield_resolver
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText, expand_db_html

RICH_TEXT_TEMPLATE = "wagtailcore/shared/richtext.html"


def rich_text_template_is_a_pass_through():
    try:
        template = get_template(RICH_TEXT_TEMPLATE)
    except TemplateDoesNotExist:
        return False
    return template.template.source.strip() == "{{ html|safe }}"


def serialise_rich_text(value):
    """What Grapple's ``RichText`` scalar returns in ``html`` format, without the template."""
    source = value.source if isinstance(value, RichText) else value
    return expand_db_html(source or "")


def block_field_resolver(child_name):
    """Grapple's ``streamfield_resolver`` for one block field, its child name known."""

    def resolve(instance, info, **kwargs):
        if not hasattr(instance, "block"):
            return None
        block = instance.block.child_blocks[child_name]
        if not block:
            return None
        value = get_field_value(instance, child_name)
        if isinstance(block, ImageChooserBlock) and isinstance(value, int):
            return block.to_python(value)
        return value

    return resolve


def use_fast_serialisation(graphql_schema, rich_text_format):
    rich_text = graphql_schema.type_map.get("RichText")
    if (
        rich_text is not None
        and rich_text_format == "html"
        and rich_text_template_is_a_pass_through()
    ):
        rich_text.serialize = serialise_rich_text
    for named_type in graphql_schema.type_map.values():
        if not isinstance(named_type, GraphQLObjectType):
            continue
        for field_name, field in named_type.fields.items():
            if getattr(field.resolve, "__func__", None) is streamfield_resolver:
                field.resolve = block_field_resolver(convert_to_underscore(field_name))
