"""Rich text served to apps: internal page links become frontend URLs, and the HTML is
sanitised to what the editor's features can make.

The admin's editor filters what editors paste, but rich text also arrives through the ORM,
imports and migrations. ``sanitise_rich_text`` is applied on output (``delivery.schema``)
with nh3 (the Ammonia sanitiser): elements and attributes outside the allow-list are
removed (their text stays), as are URLs whose scheme is not http, https, mailto or tel.
The allow-list is read from Wagtail's converter rules for ``RICH_TEXT_FEATURES``, so it
follows the features the editor offers.
"""

from functools import cache

import nh3
from django.conf import settings
from django.utils.html import escape
from wagtail.rich_text import features as feature_registry
from wagtail.rich_text.pages import PageLinkHandler

from .blocks import RICH_TEXT_FEATURES
from .delivery import fetch_link_targets

# Paragraphs and line breaks need no feature; Draftail keys block elements.
ALWAYS_ALLOWED_TAGS = frozenset({"p", "br"})
BLOCK_KEY = "data-block-key"
LINK_ATTRIBUTES = frozenset({"href"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


@cache
def allowed_tags():
    """The elements the editor's rich-text features write (``a[href]`` is ``a``)."""
    tags = set(ALWAYS_ALLOWED_TAGS)
    for feature in RICH_TEXT_FEATURES:
        rule = feature_registry.get_converter_rule("contentstate", feature) or {}
        for selector in rule.get("from_database_format", {}):
            tags.add(selector.split("[", 1)[0].split(">")[-1].strip())
    return frozenset(tags)


@cache
def allowed_attributes():
    tags = allowed_tags()
    attributes = {tag: {BLOCK_KEY} for tag in tags}
    if "a" in tags:
        attributes["a"] = set(LINK_ATTRIBUTES)
    return attributes


def sanitise_rich_text(html):
    """The HTML with only the editor's elements, attributes and URL schemes left."""
    if not html:
        return html
    return nh3.clean(
        html,
        tags=set(allowed_tags()),
        attributes=allowed_attributes(),
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
    )


class FrontendPageLinkHandler(PageLinkHandler):
    """Expands ``<a linktype="page">`` to the page's URL on the reader-facing frontend.

    Links to pages that are not servable (live, public, unexpired) keep their text but lose
    their ``href``: a published article must not reveal the address of a draft or private
    page.
    """

    @classmethod
    def get_many(cls, attrs_list):
        """The linked pages, from the request's batch when ``articles.delivery`` has one."""
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        by_id = fetch_link_targets(ids)
        return [by_id[page_id] for page_id in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(frontend_url(page))}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]


def frontend_url(page):
    """The page's path under its site root, on ``FRONTEND_BASE_URL`` when one is set."""
    url_parts = page.get_url_parts()
    if url_parts is None:
        return ""
    _site_id, _root_url, page_path = url_parts
    return f"{settings.FRONTEND_BASE_URL}{page_path}"
