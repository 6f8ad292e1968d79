"""Rich text served to apps: internal page links become frontend URLs."""

from django.conf import settings
from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from cms.visibility import servable_pages


class FrontendPageLinkHandler(PageLinkHandler):
    """Expands ``<a linktype="page">`` to the page's URL on the reader-facing frontend.

    Links to pages that are not servable (live, public, unexpired) keep their text but lose
    their ``href``: a published article must not reveal the address of a draft or private
    page.
    """

    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = servable_pages(Page.objects.filter(id__in=ids)).defer_streamfields()
        by_id = {str(page.id): page for page in pages}
        return [by_id.get(str(page_id)) for page_id in ids]

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
