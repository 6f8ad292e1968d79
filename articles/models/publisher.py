"""Who publishes a site's articles, for search engines (``articles.structured_data``)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class PublisherSettings(BaseSiteSetting):
    """The organisation credited as publisher in every article's structured data.

    Not served as such over GraphQL (``delivery.schema`` leaves site settings out): apps
    read it inside ``ArticlePage.structuredData``.
    """

    name = models.CharField(
        max_length=160,
        blank=True,
        help_text="The organisation publishing the articles, as search engines show it. "
        "Empty: the site's name.",
    )
    url = models.URLField(
        "URL",
        max_length=500,
        blank=True,
        help_text="The organisation's home page, starting with https://. Empty: the "
        "frontend's address (FRONTEND_BASE_URL, else the CMS's).",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown by search engines beside the articles. Pick an image in a public "
        "collection: a private one is left out.",
    )

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("logo")]

    class Meta:
        verbose_name = "publisher"

    def __str__(self):
        return self.name or str(self.site)
