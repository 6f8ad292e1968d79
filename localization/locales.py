"""The content languages of the settings, as Wagtail locales."""

from wagtail.models import Locale

from delivery.locales import content_language_codes


def create_configured_locales(**kwargs):
    """Give every configured content language a locale (after each ``migrate``), so that a
    language added to ``CONTENT_LANGUAGES`` needs no code and no data migration."""
    for code in content_language_codes():
        Locale.objects.get_or_create(language_code=code)
