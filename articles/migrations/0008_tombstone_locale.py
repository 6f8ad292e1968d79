"""Tombstones record the article's content language, so that a per-language static build
(``articleChanges(locale:)``) removes only its own pages. Existing tombstones predate
translations: they are of the default language."""

from django.conf import settings
from django.db import migrations, models
from wagtail.coreutils import get_supported_content_language_variant


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_translatable_library")]

    operations = [
        migrations.AddField(
            model_name="articletombstone",
            name="locale",
            field=models.CharField(
                default=get_supported_content_language_variant(settings.LANGUAGE_CODE),
                help_text="The article's content language code (`en`, `es`).",
                max_length=100,
            ),
            preserve_default=False,
        ),
    ]
