"""Media URLs that work from any origin, and renditions limited to an allow-list.

Every image URL the API serves (images, renditions, ``srcSet``, images inside rich text) is
absolute on ``MEDIA_BASE_URL``: the origin a static site or an app on another
domain loads media from (the CMS itself by default, or a CDN in front of the media storage).
Storage backends that already return absolute URLs (S3, a custom domain) are left alone.
Documents are served through the CMS's own view, so theirs are on ``WAGTAILADMIN_BASE_URL``.

Renditions combine filters from ``GRAPPLE["ALLOWED_IMAGE_FILTERS"]``: each filter is checked
on its own, so ``rendition(width: 800, format: WEBP)`` is ``width-800|format-webp`` when both
are allowed. Anything else is refused with ``IMAGE_FILTER_NOT_ALLOWED``, never an empty
answer.
"""

import graphene
from django.conf import settings
from grapple.settings import grapple_settings
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.images.utils import to_svg_safe_spec

from .error_codes import IMAGE_FILTER_NOT_ALLOWED, coded_error


class ImageFormat(graphene.Enum):
    """Output formats a rendition can be converted to (when the allow-list has them)."""

    WEBP = "webp"
    AVIF = "avif"
    JPEG = "jpeg"
    PNG = "png"

    @property
    def description(self):
        return FORMAT_DESCRIPTIONS[self.name]


FORMAT_DESCRIPTIONS = {
    "WEBP": "WebP: small files, supported by every current browser.",
    "AVIF": "AVIF: smaller still; check your readers' browsers support it.",
    "JPEG": "JPEG: for clients that support nothing newer.",
    "PNG": "PNG: lossless; large for photographs.",
}


def media_url(url):
    """``url`` made absolute on ``MEDIA_BASE_URL`` when it is a path."""
    if url and url.startswith("/") and not url.startswith("//"):
        return settings.MEDIA_BASE_URL + url
    return url


def allowed_filters():
    return grapple_settings.ALLOWED_IMAGE_FILTERS


def filter_spec(kwargs):
    """The rendition filter spec for typed arguments, each filter checked on its own."""
    filters = []
    for key, value in kwargs.items():
        if value is None:
            continue
        filters.append(f"{key}-{getattr(value, 'value', value)}".lower())
    if not filters:
        raise coded_error("Give at least one filter, e.g. width: 800.", IMAGE_FILTER_NOT_ALLOWED)
    allowed = allowed_filters()
    refused = [spec for spec in filters if allowed is not None and spec not in allowed]
    if refused:
        raise coded_error(
            f"Rendition filter {refused[0][:60]!r} is not allowed. "
            f"Allowed: {', '.join(allowed)} (combine one size and one format).",
            IMAGE_FILTER_NOT_ALLOWED,
        )
    return "|".join(filters)


def rendition_for(image, spec, preserve_svg=True):
    if image.is_svg() and preserve_svg:
        spec = to_svg_safe_spec(spec) or "original"
    return get_rendition_or_not_found(image, spec)


def resolve_rendition(image, info, preserve_svg=True, **kwargs):
    return rendition_for(image, filter_spec(kwargs), preserve_svg)


def resolve_src_set(image, info, sizes=None, format=None, preserve_svg=True, **kwargs):
    """``url 400w, url 800w``: every width and the format must be allowed."""
    if not sizes:
        raise coded_error("Give the widths, e.g. sizes: [400, 800].", IMAGE_FILTER_NOT_ALLOWED)
    candidates = []
    for width in dict.fromkeys(sizes):
        spec = filter_spec({"width": width, "format": format})
        rendition = rendition_for(image, spec, preserve_svg)
        candidates.append(f"{media_url(rendition.url)} {rendition.width}w")
    return ", ".join(candidates)


def resolve_media_url(obj, info, **kwargs):
    return media_url(obj.url if hasattr(obj, "url") else obj.file.url)


def resolve_document_url(document, info, **kwargs):
    """Documents are served by the CMS's own view (``/documents/<id>/<name>``), so their
    URL is on the CMS's public URL, not ``MEDIA_BASE_URL``."""
    url = document.url
    if url and url.startswith("/") and not url.startswith("//"):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url


# (type, field) → resolver, applied to the built schema by ``delivery.schema``.
MEDIA_RESOLVERS = {
    ("ImageObjectType", "url"): resolve_media_url,
    ("ImageObjectType", "src"): resolve_media_url,
    ("ImageObjectType", "rendition"): resolve_rendition,
    ("ImageObjectType", "srcSet"): resolve_src_set,
    ("ImageRenditionObjectType", "url"): resolve_media_url,
    ("DocumentObjectType", "url"): resolve_document_url,
}
