"""Renames a locale whose code is not a content language to the content language it stands
for (``en-gb`` became ``en`` when content languages were configured), so that existing
pages and snippets stay in the default locale."""

from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant


def rename_to_content_languages(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for locale in Locale.objects.all():
        try:
            code = get_supported_content_language_variant(locale.language_code)
        except LookupError:
            continue  # not a content language at all: Wagtail's checks report it
        if code != locale.language_code and not Locale.objects.filter(language_code=code).exists():
            locale.language_code = code
            locale.save(update_fields=["language_code"])


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(rename_to_content_languages, migrations.RunPython.noop)]
