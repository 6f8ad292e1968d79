from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem
from wagtail.snippets.action_menu import ActionMenuItem as SnippetActionMenuItem

from articles.models import Disclaimer

from .feedback import (
    changes_requested,
    explain_refused_submission,
    replace_update_message,
    workflow_outcome,
)
from .models import MEDICAL_APPROVAL_ACTION
from .publishing import REFUSAL, under_medical_review
from .review_tools import (
    ReviewCompareView,
    ReviewHistoryView,
    compare_with_last_approval,
    last_medical_approval,
)
from .views import ReviewDueReportView, may_see_review_due_report

# How many of the articles using a protected disclaimer a refusal names.
LISTED_ARTICLES = 10


class ReviewDueMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_review_due_report(request.user)


@hooks.register("register_admin_urls")
def register_review_due_report_urls():
    return [
        path("reports/review-due/", ReviewDueReportView.as_view(), name="editorial_review_due"),
        path(
            "reports/review-due/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="editorial_review_due_results",
        ),
        path(
            "medical-review/<int:page_id>/history/",
            ReviewHistoryView.as_view(),
            name="editorial_review_history",
        ),
        path(
            "medical-review/<int:page_id>/history/results/",
            ReviewHistoryView.as_view(results_only=True),
            name="editorial_review_history_results",
        ),
        path(
            "medical-review/<int:pk>/compare/<str:revision_id_a>...<str:revision_id_b>/",
            ReviewCompareView.as_view(),
            name="editorial_review_compare",
        ),
        path(
            "medical-review/<int:page_id>/compare-with-last-approval/",
            compare_with_last_approval,
            name="editorial_compare_with_last_approval",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_due_menu_item():
    return ReviewDueMenuItem(
        "Due for medical review",
        reverse("editorial_review_due"),
        name="review-due",
        icon_name="time",
        order=650,
    )


@hooks.register("register_log_actions")
def register_medical_approval_log_action(actions):
    actions.register_action(
        MEDICAL_APPROVAL_ACTION, "Medically approved", "Medically approved this version"
    )


def refuse_disclaimer_removal(request, disclaimer, action):
    """Back to the disclaimer's edit page with why it stays and who uses it, or ``None``."""
    reason = disclaimer.protection_reason()
    if reason is None:
        return None
    titles = [article.title for article in disclaimer.live_articles()[:LISTED_ARTICLES]]
    using = f" Live articles using it: {', '.join(titles)}." if titles else ""
    messages.error(
        request,
        f"'{disclaimer}' cannot be {action}: {reason}.{using} Give those articles another "
        "published disclaimer (or make another disclaimer the default) first.",
        buttons=[
            messages.button(
                reverse("wagtailsnippets_articles_disclaimer:usage", args=[disclaimer.pk]),
                "Where it is used",
            )
        ],
    )
    return redirect("wagtailsnippets_articles_disclaimer:edit", disclaimer.pk)


@hooks.register("before_unpublish")
def protect_disclaimers_in_use_from_unpublishing(request, obj):
    if isinstance(obj, Disclaimer):
        return refuse_disclaimer_removal(request, obj, "unpublished")
    return None


@hooks.register("before_delete_snippet")
def protect_disclaimers_in_use_from_deletion(request, instances):
    for obj in instances:
        if isinstance(obj, Disclaimer):
            response = refuse_disclaimer_removal(request, obj, "deleted")
            if response is not None:
                return response
    return None


def explain_refused_publish(request, model, what="Not published"):
    """Wagtail treats a Publish the user may not do as Save draft: say so, and what to do."""
    if (
        request.method == "POST"
        and "action-publish" in request.POST
        and under_medical_review(model)
    ):
        messages.warning(request, f"{what}. {REFUSAL}")


@hooks.register("before_edit_page")
def explain_refused_page_publish(request, page):
    explain_refused_publish(request, page.specific_class)


@hooks.register("before_create_page")
def explain_refused_page_publish_on_create(request, parent_page, page_class):
    explain_refused_publish(request, page_class)


@hooks.register("before_edit_snippet")
def explain_refused_snippet_publish(request, instance):
    explain_refused_publish(request, type(instance))


@hooks.register("before_create_snippet")
def explain_refused_snippet_publish_on_create(request, model):
    explain_refused_publish(request, model)


@hooks.register("before_copy_page")
def explain_copies_stay_drafts(request, page):
    publishing = request.method == "POST" and request.POST.get("publish_copies")
    if publishing and under_medical_review(page.specific_class):
        messages.warning(request, f"The copy is a draft, not published. {REFUSAL}")


class ReviewLinkMenuItem(ActionMenuItem):
    """A link in the edit view's action menu to one of the reviewers' read-only tools."""

    def __init__(self, label, url_name, icon_name, order):
        super().__init__(order=order)
        self.label, self.url_name, self.icon_name = label, url_name, icon_name

    def get_url(self, parent_context):
        return reverse(self.url_name, args=[parent_context["page"].pk])


@hooks.register("construct_page_action_menu")
@hooks.register("construct_snippet_action_menu")
def say_what_a_refused_submit_kept(menu_items, request, context):
    # The action menu is built while the refused form is rendered, before its messages.
    explain_refused_submission(request)


@hooks.register("construct_page_action_menu")
def add_reviewers_tools(menu_items, request, context):
    page = context.get("page")
    if context.get("view") != "edit" or not under_medical_review(type(page)):
        return
    if last_medical_approval(page) is not None:
        menu_items.append(
            ReviewLinkMenuItem(
                "Compare with last medical approval",
                "editorial_compare_with_last_approval",
                "history",
                order=900,
            )
        )
    menu_items.append(
        ReviewLinkMenuItem("Review history", "editorial_review_history", "history", order=910)
    )


class SnippetCompareMenuItem(SnippetActionMenuItem):
    """A link in a library snippet's action menu: its live (medically approved) version
    against the version under review."""

    label = "Compare with live version"
    icon_name = "history"

    def get_url(self, parent_context):
        instance = parent_context["instance"]
        url_name = instance.snippet_viewset.get_url_name("revisions_compare")
        return reverse(url_name, args=[quote(instance.pk), "live", "latest"])


@hooks.register("construct_snippet_action_menu")
def add_snippet_comparison(menu_items, request, context):
    instance = context.get("instance")
    if context.get("view") != "edit" or not under_medical_review(type(instance)):
        return
    if instance.live and instance.has_unpublished_changes:
        menu_items.append(SnippetCompareMenuItem(order=900))


def say_what_the_workflow_action_did(request, obj):
    """Whether a workflow action was taken (and its message replaced)."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return False
    outcome = workflow_outcome(obj, request.POST.get("workflow-action-name"))
    if outcome:
        replace_update_message(request, outcome)
    return True


@hooks.register("after_edit_page")
def say_what_the_page_workflow_action_did(request, page):
    acted = say_what_the_workflow_action_did(request, page)
    # Wagtail then goes to the page explorer, which a medical reviewer (no page
    # permission of their own) may not open: back to their dashboard instead.
    if acted and not user_has_any_page_permission(request.user):
        return redirect("wagtailadmin_home")
    return None


@hooks.register("after_edit_snippet")
def say_what_the_snippet_workflow_action_did(request, instance):
    say_what_the_workflow_action_did(request, instance)


@hooks.register("before_edit_page")
def show_requested_changes(request, page):
    """The reviewer's request for changes, at the top of the editor's edit page."""
    requested = request.method == "GET" and changes_requested(page)
    if requested:
        reviewer, comment = requested
        name = reviewer.get_full_name() or reviewer.get_username() if reviewer else "A reviewer"
        messages.warning(request, f"Changes requested by {name}: “{comment}”")
