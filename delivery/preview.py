"""Draft previews on the frontend, with signed tokens that expire.

wagtail-headless-preview 0.9 stores the editor's unsaved page as a ``PagePreview`` row under
a ``TimestampSigner`` token and sends the editor to the frontend with ``?token=``; the
frontend asks ``page(token:)`` for the draft. Its own check (``unsign`` without
``max_age``) never lets a token expire and raises on a tampered one. Here a token is only
honoured while its signature is valid and younger than ``PREVIEW_TOKEN_MAX_AGE_SECONDS``;
anything else resolves to nothing, never to the draft.
"""

import logging

from django.core.signing import BadSignature
from wagtail_headless_preview.models import HeadlessPreviewMixin, get_client_root_url_from_site
from wagtail_headless_preview.settings import headless_preview_settings

from .batching import exclude_from_delivery_batching
from .settings import delivery_settings

logger = logging.getLogger(__name__)


def preview_client_configured(site):
    """Whether a frontend preview URL is configured for this site (or a default one)."""
    client_urls = headless_preview_settings.CLIENT_URLS or {}
    return site is not None and (site.hostname in client_urls or "default" in client_urls)


class SignedHeadlessPreviewMixin(HeadlessPreviewMixin):
    """Headless preview whose tokens are checked for signature and age.

    Without a configured frontend preview URL, the admin's preview falls back to the CMS's
    own reader template, so previews work on a fresh checkout.
    """

    @classmethod
    def get_page_from_preview_token(cls, token):
        try:
            max_age = delivery_settings.PREVIEW_TOKEN_MAX_AGE_SECONDS
            cls.get_preview_signer().unsign(token, max_age=max_age)
        except BadSignature:  # SignatureExpired is a BadSignature too
            return None
        return super().get_page_from_preview_token(token)

    def get_client_root_url(self, request):
        return get_client_root_url_from_site(self.get_site_for_preview(request))

    def get_site_for_preview(self, request):
        from wagtail.models import Site

        return Site.find_for_request(request) or self.get_site()

    def serve_preview(self, request, preview_mode):
        if not preview_client_configured(self.get_site_for_preview(request)):
            return super(HeadlessPreviewMixin, self).serve_preview(request, preview_mode)
        return super().serve_preview(request, preview_mode)


def get_preview_page(token):
    """The draft a preview token stands for, or None for any token that is not honoured.

    Grapple's own lookup lets database and signing errors escape as GraphQL errors that
    describe the token; a preview client only needs "no such preview".
    """
    from grapple.types.pages import get_preview_page as grapple_get_preview_page

    try:
        page = grapple_get_preview_page(token)
    except Exception:  # noqa: BLE001 - any failure means no preview, never the draft
        logger.info("Preview token refused", exc_info=True)
        return None
    return exclude_from_delivery_batching(page) if page is not None else None
