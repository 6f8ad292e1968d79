"""The content languages of the settings, as Wagtail locales."""

from django.conf import settings
from wagtail.models import Locale


def configured_language_codes():
    """The language codes content is written in (``WAGTAIL_CONTENT_LANGUAGES``), the
    default first."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def create_configured_locales(**kwargs):
    """Give every configured content language a locale (after each ``migrate``), so that a
    language added to ``CONTENT_LANGUAGES`` needs no code and no data migration."""
    for code in configured_language_codes():
        Locale.objects.get_or_create(language_code=code)
