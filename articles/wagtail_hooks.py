from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Condition, Disclaimer, TrustedSource
from .queries import ArticleQuery
from .rich_text import AbsoluteImageEmbedHandler, FrontendPageLinkHandler
from .routes import RouteQuery
from .sync import SyncQuery


class ConditionViewSet(SnippetViewSet):
    model = Condition
    icon = "tag"
    list_display = ["name", "slug", "live"]
    search_fields = ["name"]


class DisclaimerViewSet(SnippetViewSet):
    model = Disclaimer
    icon = "warning"
    list_display = ["title", "is_default", "live"]


class TrustedSourceViewSet(SnippetViewSet):
    model = TrustedSource
    icon = "link"
    list_display = ["name", "url"]
    search_fields = ["name"]


class ArticleSnippetsGroup(SnippetViewSetGroup):
    menu_label = "Article library"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (ConditionViewSet, DisclaimerViewSet, TrustedSourceViewSet)


register_snippet(ArticleSnippetsGroup)


@hooks.register("register_rich_text_features", order=10)
def serve_page_links_as_frontend_urls(features):
    # Runs after Wagtail's core features (order 0) so it replaces their "page" handler.
    features.register_link_type(FrontendPageLinkHandler)
    features.register_embed_type(AbsoluteImageEmbedHandler)


@hooks.register("register_schema_query")
def register_article_queries(query_mixins):
    query_mixins.append(ArticleQuery)
    query_mixins.append(SyncQuery)
    query_mixins.append(RouteQuery)
