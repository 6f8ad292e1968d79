from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Publish webhooks"

    def ready(self):
        from . import checks, events  # noqa: F401 - registers the check, connects receivers
