from django.contrib import messages
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from editorial.publishing import MedicalReviewPermissionPolicy
from editorial.review_tools import SnippetReviewCompareView, SnippetReviewHistoryView

from .importing.views import ImportArticleView
from .models import Condition, Disclaimer, TrustedSource
from .queries import ArticleQuery
from .readability import above_target_warning
from .rich_text import AbsoluteImageEmbedHandler, FrontendPageLinkHandler
from .routes import RouteQuery
from .sync import SyncQuery

# Registered before any view asks for these models' policy (Wagtail would create a default).
for library_model in (Condition, Disclaimer, TrustedSource):
    register_permission_policy(library_model, MedicalReviewPermissionPolicy(library_model))


class UnpublishView(snippet_views.UnpublishView):
    """Taking a snippet down needs ``unpublish`` (Wagtail's ``publish_*`` permission),
    which ``MedicalReviewPermissionPolicy`` keeps apart from publishing."""

    permission_required = "unpublish"


class RevisionsUnscheduleView(snippet_views.RevisionsUnscheduleView):
    permission_required = "unpublish"


class MedicallyReviewedSnippetViewSet(SnippetViewSet):
    """A library snippet readers see beside articles: published only by medical review."""

    unpublish_view_class = UnpublishView
    revisions_unschedule_view_class = RevisionsUnscheduleView
    history_view_class = SnippetReviewHistoryView
    revisions_compare_view_class = SnippetReviewCompareView


class ConditionViewSet(MedicallyReviewedSnippetViewSet):
    model = Condition
    icon = "tag"
    list_display = ["name", "slug", "live"]
    search_fields = ["name"]


class DisclaimerViewSet(MedicallyReviewedSnippetViewSet):
    model = Disclaimer
    icon = "warning"
    list_display = ["title", "is_default", "live"]


class TrustedSourceViewSet(MedicallyReviewedSnippetViewSet):
    model = TrustedSource
    icon = "link"
    list_display = ["name", "url", "live"]
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


@hooks.register("insert_editor_js")
def name_rich_text_editors():
    return format_html('<script src="{}"></script>', static("articles/name-rich-text-editors.js"))


class ImportArticleMenuItem(MenuItem):
    def is_shown(self, request):
        # Shown on every admin page: the user's cached page permissions only. The view
        # checks the exact rule (``may_import``: may add an article under some index).
        return PagePermissionPolicy().user_has_permission(request.user, "add")


@hooks.register("register_admin_urls")
def register_import_article_url():
    return [path("articles/import/", ImportArticleView.as_view(), name="articles_import")]


@hooks.register("register_admin_menu_item")
def register_import_article_menu_item():
    return ImportArticleMenuItem(
        "Import article",
        reverse("articles_import"),
        name="import-article",
        icon_name="doc-full-inverse",
        order=150,
    )


# The edit view's buttons that send a version to review.
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_when_submitted_above_target_grade(request, page):
    """Submitting an article above ``ARTICLE_TARGET_GRADE`` warns the editor; it never
    blocks the submission."""
    figures = getattr(page, "readability_figures", None)
    submitted = request.method == "POST" and any(request.POST.get(a) for a in SUBMIT_ACTIONS)
    warning = figures and submitted and above_target_warning(figures)
    if warning:
        messages.warning(request, warning)
