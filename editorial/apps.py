from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """Editorial roles, the medical review workflow and the review-due report.

    A separate app from ``articles`` so that its models (workflow tasks) stay out of the
    GraphQL schema Grapple builds from the content apps.
    """

    name = "editorial"
    verbose_name = "Editorial workflow"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
