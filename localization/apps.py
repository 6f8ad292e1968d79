from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LocalizationConfig(AppConfig):
    """The languages content is written in, and how translations reach readers.

    Translators work in wagtail-localize's editor; this app keeps its locales in step with
    the settings, saves translations as drafts for the Medical review workflow (never
    live), and marks translations whose source has changed since.
    """

    name = "localization"
    verbose_name = "Localization"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.apps import apps

        from .locales import create_configured_locales

        # After Wagtail's own migrations (the sender must be an app with models).
        post_migrate.connect(
            create_configured_locales,
            sender=apps.get_app_config("wagtailcore"),
            dispatch_uid="create_configured_locales",
        )
