from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Health articles"

    def ready(self):
        from cms.graphql.invalidation import connect_signals

        connect_signals()
