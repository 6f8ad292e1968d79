"""Conditions, disclaimers, trusted sources and the articles' source links become
translatable: each row gets a translation key and a locale (the default language for
everything that exists, an article's own language for its source links). Names, slugs and
the default disclaimer become unique per language."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from wagtail.coreutils import get_supported_content_language_variant

TRANSLATABLE = ["condition", "disclaimer", "trustedsource", "articlesource"]


def give_existing_rows_a_language(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    default, _created = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    for name in TRANSLATABLE:
        model = apps.get_model("articles", name)
        for row in model.objects.filter(translation_key__isnull=True).iterator():
            row.translation_key = uuid.uuid4()
            row.locale_id = row.page.locale_id if name == "articlesource" else default.pk
            row.save(update_fields=["translation_key", "locale"])


def bootstrap_fields(name):
    return [
        migrations.AddField(
            model_name=name,
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name=name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
            ),
        ),
    ]


def final_fields(name):
    return [
        migrations.AlterField(
            model_name=name,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name=name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name=name, unique_together={("translation_key", "locale")}
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_publisher_settings"),
        ("localization", "0001_default_locale_code"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        *[operation for name in TRANSLATABLE for operation in bootstrap_fields(name)],
        migrations.RunPython(give_existing_rows_a_language, migrations.RunPython.noop),
        *[operation for name in TRANSLATABLE for operation in final_fields(name)],
        migrations.RemoveConstraint(model_name="disclaimer", name="one_default_disclaimer"),
        migrations.AlterField(
            model_name="condition",
            name="name",
            field=models.CharField(help_text="As readers know it.", max_length=120),
        ),
        migrations.AlterField(
            model_name="condition",
            name="slug",
            field=models.SlugField(
                help_text="Identifies the condition in URLs and API filters; keep it stable.",
                max_length=120,
            ),
        ),
        migrations.AlterField(
            model_name="trustedsource",
            name="name",
            field=models.CharField(
                help_text="The organisation's name, as readers see it.", max_length=160
            ),
        ),
        migrations.AlterField(
            model_name="disclaimer",
            name="is_default",
            field=models.BooleanField(
                default=False,
                help_text="New articles get the default disclaimer of their language. Each "
                "language has one default.",
            ),
        ),
        migrations.AlterField(
            model_name="trustedsource",
            name="url",
            field=models.URLField(
                help_text="The page readers are sent to, starting with https://: in this "
                "language's version, the organisation's page in that language where it has "
                "one.",
                max_length=500,
                verbose_name="URL",
            ),
        ),
        migrations.AddConstraint(
            model_name="condition",
            constraint=models.UniqueConstraint(
                fields=("slug", "locale"),
                name="condition_slug_per_locale",
                violation_error_message="Another condition in this language has this slug.",
            ),
        ),
        migrations.AddConstraint(
            model_name="condition",
            constraint=models.UniqueConstraint(
                fields=("name", "locale"),
                name="condition_name_per_locale",
                violation_error_message="Another condition in this language has this name.",
            ),
        ),
        migrations.AddConstraint(
            model_name="disclaimer",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_default", True)),
                fields=("is_default", "locale"),
                name="one_default_disclaimer_per_locale",
                violation_error_message="Another disclaimer is already the default in this "
                "language.",
            ),
        ),
        migrations.AddConstraint(
            model_name="trustedsource",
            constraint=models.UniqueConstraint(
                fields=("name", "locale"),
                name="trusted_source_name_per_locale",
                violation_error_message="Another trusted source in this language has this name.",
            ),
        ),
    ]
