"""Rich text is sanitised on output to what the editor's features can make.

The admin's editor filters what editors paste, but rich text also arrives through the ORM,
imports and migrations. Every rich text the API serves passes ``sanitise_rich_text``
(nh3, the Ammonia sanitiser): elements and attributes outside the allow-list are removed
(their text stays), as are URLs whose scheme is not http, https, mailto or tel, and
``<script>``/``<style>`` with their content.

The allow-list follows the editor: it is the union of the elements that the rich-text
features of every served rich-text field and block write (Wagtail's converter rules for
those features; ``RICH_TEXT_FEATURES`` in ``articles.blocks`` today), read from Grapple's
registry when the schema is built, so no content app is named here.
"""

import re
from functools import cache

import nh3
from django.core.files.storage import default_storage
from grapple.registry import registry
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import features as feature_registry

from .media import media_url

# Paragraphs and line breaks need no feature; Draftail keys block elements.
ALWAYS_ALLOWED_TAGS = frozenset({"p", "br"})
# What an ``<embed embedtype="…">`` of the database format is served as: the image embed
# handler writes an ``<img>`` with its rendition's size and the editor's alt text. Embed
# types not listed here are not served. An ``<img>`` must show one of the CMS's own
# renditions: any other source (a tracking pixel saved through the ORM) drops the element.
EMBED_OUTPUT = {"image": ("img", frozenset({"src", "width", "height", "alt", "class"}))}
IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
BLOCK_KEY = "data-block-key"
LINK_ATTRIBUTES = frozenset({"href"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def block_features(block):
    """The rich-text features of a block and every block inside it."""
    if isinstance(block, blocks.RichTextBlock):
        yield block.features or feature_registry.get_default_features()
    children = getattr(block, "child_blocks", None) or {}
    for child in children.values():
        yield from block_features(child)
    child = getattr(block, "child_block", None)
    if child is not None:
        yield from block_features(child)


def served_features():
    """The rich-text features of every rich-text field and block of the served models."""
    features = set()
    for model in registry.class_models:
        options = getattr(model, "_meta", None)  # the registry also holds base classes
        for field in options.get_fields() if options is not None else ():
            if isinstance(field, RichTextField):
                features.update(field.features or feature_registry.get_default_features())
            elif isinstance(field, StreamField):
                for found in block_features(field.stream_block):
                    features.update(found)
    return features


@cache
def allow_list():
    """(tags, attributes) the served features write (``a[href]`` is ``a``)."""
    tags = set(ALWAYS_ALLOWED_TAGS)
    embeds = {}
    for feature in served_features():
        rule = feature_registry.get_converter_rule("contentstate", feature) or {}
        for selector in rule.get("from_database_format", {}):
            tag = selector.split("[", 1)[0].split(">")[-1].strip()
            if tag != "embed":
                tags.add(tag)
            elif feature in EMBED_OUTPUT:
                embed_tag, embed_attributes = EMBED_OUTPUT[feature]
                embeds[embed_tag] = set(embed_attributes)
    attributes = {tag: {BLOCK_KEY} for tag in tags}
    if "a" in tags:
        attributes["a"] = set(LINK_ATTRIBUTES)
    return tags | set(embeds), attributes | embeds


def sanitise_rich_text(html):
    """The HTML with only the editor's elements, attributes and URL schemes left."""
    if not html:
        return html
    tags, attributes = allow_list()
    has_images = "<img" in html
    cleaned = nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        attribute_filter=own_image_sources(rendition_url_prefix()) if has_images else None,
    )
    return IMG_WITHOUT_SRC.sub("", cleaned) if has_images else cleaned


def rendition_url_prefix():
    """Where the CMS's renditions are served from (``MEDIA_BASE_URL`` included)."""
    return media_url(default_storage.url("images/")).split("?", 1)[0]


def own_image_sources(prefix):
    """An nh3 attribute filter keeping an ``<img src>`` only when it is a rendition's."""

    def keep(tag, attribute, value):
        if tag == "img" and attribute == "src" and not value.startswith(prefix):
            return None
        return value

    return keep


def sanitise_rich_text_output(graphql_schema):
    """Every rich text the API serves passes ``sanitise_rich_text``: the ``RichText`` scalar
    and the ``value`` of Grapple's ``RichTextBlock`` (reached through a block's ``blocks``)."""
    rich_text = graphql_schema.type_map.get("RichText")
    if rich_text is not None:
        serialize = rich_text.serialize
        rich_text.serialize = lambda value: sanitise_rich_text(serialize(value))
    block = graphql_schema.type_map.get("RichTextBlock")
    if block is not None:
        field = block.fields["value"]
        resolve = field.resolve
        field.resolve = lambda root, info, **kwargs: sanitise_rich_text(
            resolve(root, info, **kwargs)
        )
