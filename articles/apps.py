from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Health articles"

    def ready(self):
        from . import dependencies, signal_handlers

        signal_handlers.connect()
        dependencies.connect()
