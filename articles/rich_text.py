"""Rich text served to apps: internal page links become frontend URLs (sanitising the
HTML is the delivery app's, ``delivery.rich_text``)."""

from django.conf import settings
from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from delivery.batching import fetch_link_targets


class FrontendPageLinkHandler(PageLinkHandler):
    """Expands ``<a linktype="page">`` to the page's URL on the reader-facing frontend.

    Links to pages that are not servable (live, public, unexpired) keep their text but lose
    their ``href``: a published article must not reveal the address of a draft or private
    page.
    """

    @classmethod
    def get_many(cls, attrs_list):
        """The linked pages, from the request's batch when ``delivery.batching`` has one."""
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
