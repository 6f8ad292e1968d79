"""schema.org ``MedicalWebPage`` JSON-LD for an article (``ArticlePage.structuredData``).

Built from the article as served (the live row and its published condition, sources and
disclaimer: drafts never leak in) and from the publisher of its site
(``PublisherSettings``). The publishers of all sites are read once per request, so a list
of articles costs the same few queries whatever its length.

tests/test_structured_data_vocabulary.py checks a generated document against the
``schema-dts`` type definitions of the schema.org vocabulary.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Site

from delivery.batching import once_per_request
from delivery.media import media_url
from delivery.visibility import public_images

from .readability import rich_text_lines

SCHEMA_ORG = "https://schema.org"
# The publisher logo's rendition: Google asks for a logo at least 112px wide.
LOGO_FILTER = "max-600x600"
# Characters that could end or confuse the <script> element the document is placed in:
# escaped as JSON allows, the way Django's json_script does.
SCRIPT_SAFE = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str
    logo: dict | None = None

    def as_json_ld(self):
        organization = {"@type": "Organization", "name": self.name, "url": self.url}
        if self.logo:
            organization["logo"] = self.logo
        return organization


def pixels(count):
    """A size in pixels: schema.org's ``width``/``height`` take a QuantitativeValue, not
    a bare number (E37 is the UN/CEFACT code for a pixel)."""
    return {"@type": "QuantitativeValue", "value": count, "unitCode": "E37"}


def logo_json_ld(image):
    rendition = image.get_rendition(LOGO_FILTER)
    return {
        "@type": "ImageObject",
        "url": media_url(rendition.url),
        "width": pixels(rendition.width),
        "height": pixels(rendition.height),
    }


def default_publisher_url():
    return settings.FRONTEND_BASE_URL or settings.WAGTAILADMIN_BASE_URL


def read_publishers():
    """Every site's publisher by site id (the default site's also under ``None``): its
    ``PublisherSettings``, or the site's name and the frontend's (else the CMS's) address
    where none are set. Logos outside public collections are left out.

    The settings are reached through the site (``Site.publishersettings``): the models
    import this module, never the reverse.
    """
    sites = list(Site.objects.select_related("publishersettings"))
    chosen = {site.pk: getattr(site, "publishersettings", None) for site in sites}
    logo_ids = {setting.logo_id for setting in chosen.values() if setting} - {None}
    logos = {}
    if logo_ids:
        images = public_images().filter(pk__in=logo_ids).prefetch_renditions(LOGO_FILTER)
        logos = {image.pk: logo_json_ld(image) for image in images}
    publishers = {}
    for site in sites:
        setting = chosen[site.pk]
        publishers[site.pk] = Publisher(
            name=(setting and setting.name) or site.site_name or site.hostname,
            url=(setting and setting.url) or default_publisher_url(),
            logo=logos.get(setting.logo_id) if setting else None,
        )
        if site.is_default_site:
            publishers[None] = publishers[site.pk]
    return publishers


def publisher_for(site_id):
    """The publisher of a site (of the default site for a page in none)."""
    publishers = once_per_request("articles.publishers", read_publishers)
    fallback = Publisher("", default_publisher_url())
    return publishers.get(site_id) or publishers.get(None) or fallback


def language_tag(language_code):
    """A Wagtail/Django language code (``en-gb``) as a BCP 47 tag (``en-GB``)."""
    language, _, region = (language_code or settings.LANGUAGE_CODE).partition("-")
    return f"{language}-{region.upper()}" if region else language


def page_address(page):
    """``(site id, absolute URL, language)`` of a page: its URL on ``FRONTEND_BASE_URL``
    (else on its site's root URL), as ``ArticlePage.url`` and rich-text links give it."""
    site_id, root_url, path = page.get_url_parts() or (None, "", page.url_path)
    # The site's root paths (read once per request) carry its language: no Locale query.
    language = next(
        (
            root.language_code
            for root in page._get_relevant_site_root_paths()
            if root.site_id == site_id
        ),
        None,
    )
    return site_id, f"{settings.FRONTEND_BASE_URL or root_url}{path}", language_tag(language)


def plain_text(rich_text):
    return " ".join(line for line in rich_text_lines(rich_text) if line)


def disclaimer_json_ld(disclaimer):
    """The disclaimer as a part of the page.

    schema.org has no disclaimer property. ``abstract`` is a summary of the work,
    ``comment`` is readers' comments, ``usageInfo`` points to terms of reuse: none says
    "text shown with the page that qualifies it". ``hasPart`` with a ``WebPageElement``
    says what it is, a named element of the page with its own ``text``, without
    misstating what the article is about.
    """
    return {
        "@type": "WebPageElement",
        "name": disclaimer.title,
        "text": plain_text(disclaimer.body),
    }


def medical_web_page(article):
    """The JSON-LD document (a dict) for an article as served."""
    site_id, url, language = page_address(article)
    publisher = publisher_for(site_id).as_json_ld()
    reviewer = article.reviewer_credit
    document = {
        "@context": SCHEMA_ORG,
        "@type": "MedicalWebPage",
        "name": article.title,
        "description": article.summary,
        "url": url,
        "inLanguage": language,
        "datePublished": iso(article.first_published_at),
        "dateModified": iso(article.last_published_at),
        "lastReviewed": iso(article.last_reviewed),
        "reviewedBy": {"@type": "Person", "name": reviewer.name} if reviewer else publisher,
        "publisher": publisher,
    }
    condition = article.published_condition
    if condition is not None:
        document["about"] = {"@type": "MedicalCondition", "name": condition.name}
        if condition.description:
            document["about"]["description"] = condition.description
    sources = article.ordered_sources
    if sources:
        document["citation"] = [
            {"@type": "CreativeWork", "name": source.name, "url": source.url} for source in sources
        ]
    disclaimer = article.published_disclaimer
    if disclaimer is not None:
        document["hasPart"] = disclaimer_json_ld(disclaimer)
    return {key: value for key, value in document.items() if value is not None}


def iso(value):
    return value.isoformat() if value is not None else None


def as_script_json(document):
    """JSON text to place as it is inside ``<script type="application/ld+json">``."""
    return json.dumps(document, ensure_ascii=False).translate(SCRIPT_SAFE)
