from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Publish webhooks"

    def ready(self):
        from . import events  # noqa: F401 - connects the signal receivers
