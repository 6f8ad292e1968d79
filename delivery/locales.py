"""The content language a request asks for (the ``locale:`` arguments of the API).

Apps name a language by its code, one of ``WAGTAIL_CONTENT_LANGUAGES`` (``en``, ``es``);
without one they get the default language, so clients written before there were several
languages keep getting what they got. There is no fallback from one language to another:
a query for a language filters by that language only. Nothing here reads the database:
a locale is matched by its code (``locale__language_code``) in the query that needs it.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant

from .error_codes import BAD_USER_INPUT, coded_error

LOCALE_ARGUMENT = (
    "A content language code such as `en` or `es` (the default language when omitted). "
    "Only content in that language: never another language's version in its place."
)


def content_language_codes():
    """The configured content languages' codes, the default first (the settings' order)."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def default_language_code():
    """The default content language (``LANGUAGE_CODE``'s content variant: ``en-gb`` → ``en``)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def requested_language(code=None):
    """The language code a ``locale:`` argument asks for: the default when ``None``, else
    ``code`` if it is a configured content language, else a ``BAD_USER_INPUT`` error
    naming the configured codes."""
    if code is None:
        return default_language_code()
    if code not in content_language_codes():
        configured = ", ".join(content_language_codes())
        raise coded_error(
            f"locale must be one of the content languages: {configured}.", BAD_USER_INPUT
        )
    return code


def language_order(code):
    """Sort key putting language codes in the configured order (unknown codes last)."""
    codes = content_language_codes()
    return codes.index(code) if code in codes else len(codes)
