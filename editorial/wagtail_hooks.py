from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import MEDICAL_APPROVAL_ACTION
from .views import ReviewDueReportView


class ReviewDueMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_permission(request.user, "change")


@hooks.register("register_admin_urls")
def register_review_due_report_urls():
    return [
        path("reports/review-due/", ReviewDueReportView.as_view(), name="editorial_review_due"),
        path(
            "reports/review-due/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="editorial_review_due_results",
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
