from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    """The published-only GraphQL API: visibility, preview, limits, caching, batching."""

    name = "delivery"
    verbose_name = "Content delivery API"

    def ready(self):
        from .invalidation import connect_signals

        connect_signals()
