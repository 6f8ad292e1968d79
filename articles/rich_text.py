"""Rich text served to apps: internal page links become frontend URLs, embedded images
absolute ``<img>`` tags on ``MEDIA_BASE_URL`` (sanitising the HTML is the delivery
app's, ``delivery.rich_text``)."""

from django.conf import settings
from django.utils.html import escape
from wagtail.images.formats import get_image_format
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text.pages import PageLinkHandler

from delivery.batching import fetch_link_targets
from delivery.media import media_url
from delivery.visibility import public_images


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


class AbsoluteImageEmbedHandler(ImageEmbedHandler):
    """``<embed embedtype="image">`` as an ``<img>`` with an absolute ``src``, its
    ``width``/``height`` and the alt text the editor gave this use (empty when decorative).

    Images outside public collections are left out (an empty string).
    """

    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        valid = [image_id for image_id in ids if str(image_id).isdigit()]
        images = {str(image.pk): image for image in public_images().filter(pk__in=valid)}
        return [images.get(str(image_id)) for image_id in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        tags = []
        for attrs, image in zip(attrs_list, cls.get_many(attrs_list), strict=True):
            if image is None:
                tags.append("")
                continue
            image_format = get_image_format(attrs.get("format") or "fullwidth")
            rendition = image.get_rendition(image_format.filter_spec)
            classname = (
                f' class="{escape(image_format.classname)}"' if image_format.classname else ""
            )
            tags.append(
                f'<img src="{escape(media_url(rendition.url))}" width="{rendition.width}" '
                f'height="{rendition.height}" alt="{escape(attrs.get("alt", ""))}"{classname}>'
            )
        return tags
