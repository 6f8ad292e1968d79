from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured


class DeliveryConfig(AppConfig):
    """The published-only GraphQL API: visibility, preview, limits, caching, batching."""

    name = "delivery"
    verbose_name = "Content delivery API"

    def ready(self):
        from . import schema
        from .invalidation import connect_signals

        self.check_loaded_after("grapple", "graphene_django")
        # Once, now that Grapple's registry is complete and every app can be imported: the
        # schema holds the same whatever was imported first.
        schema.schema = schema.create_schema()
        connect_signals()

    def check_loaded_after(self, *labels):
        order = [config.label for config in apps.get_app_configs()]
        early = [label for label in labels if order.index(label) > order.index(self.label)]
        if early:
            raise ImproperlyConfigured(
                f"'delivery' must come after {', '.join(map(repr, early))} in INSTALLED_APPS: "
                "it builds the GraphQL schema from their registries when it is ready."
            )
