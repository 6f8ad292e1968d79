"""The review-due report: the NHS "next review due" practice as an admin listing."""

import datetime

from django.db.models import F, Q
from django.utils import timezone
from wagtail.admin.views.reports import PageReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from articles.models import ArticlePage
from localization.staleness import describe_change, with_source_changes

from .review_tools import is_medical_reviewer

DUE_WITHIN_DAYS = 30


def may_see_review_due_report(user):
    """Editors and Publishers (for their articles) and medical reviewers (for all)."""
    return PagePermissionPolicy().user_has_permission(user, "change") or is_medical_reviewer(user)


def review_due_articles(user, today=None):
    """Articles ``user`` may edit (a medical reviewer: any article) that were never
    reviewed, are overdue for review, are due within DUE_WITHIN_DAYS days, or are
    translations out of date (``localization.staleness``): the most overdue first."""
    today = today or timezone.localdate()
    articles = with_source_changes(ArticlePage.objects.all())
    if not is_medical_reviewer(user):
        editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        articles = articles.filter(pk__in=editable.values("pk"))
    return (
        articles.filter(
            Q(next_review_due__isnull=True)
            | Q(next_review_due__lte=today + datetime.timedelta(days=DUE_WITHIN_DAYS))
            | Q(source_changed_at__isnull=False)  # a translation whose source changed since
        )
        .select_related("reviewer", "locale")
        .prefetch_workflow_states()  # for the status tags, without a query per row
        .annotate_approved_schedule()
        .order_by(F("next_review_due").asc(nulls_first=True), "title", "pk")
    )


class ReviewDueReportView(PageReportView):
    page_title = "Articles due for medical review"
    header_icon = "time"
    results_template_name = "editorial/review_due_results.html"
    index_url_name = "editorial_review_due"
    index_results_url_name = "editorial_review_due_results"
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["change"]
    model = ArticlePage
    list_export = [
        "title",
        "locale",
        "next_review_due",
        "last_reviewed",
        "reviewer",
        "source_changed_at",
        "status_string",
    ]
    export_headings = {
        "locale": "Language",
        "source_changed_at": "Source changed since last published",
        "next_review_due": "Next review due",
        "last_reviewed": "Last reviewed",
        "reviewer": "Reviewer",
        "status_string": "Status",
    }

    def user_has_any_permission(self, permissions):
        return may_see_review_due_report(self.request.user)

    def get_queryset(self):
        self.today = timezone.localdate()
        return review_due_articles(self.request.user, self.today)

    def decorate_paginated_queryset(self, object_list):
        for article in object_list:
            article.review_state = review_state(article.next_review_due, self.today)
            if article.source_changed_at is not None:
                article.translation_state = describe_change(article, article.source_changed_at)
        return object_list

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "due_within_days": DUE_WITHIN_DAYS}


def review_state(next_review_due, today):
    if next_review_due is None:
        return "Never reviewed"
    days = (next_review_due - today).days
    if days < 0:
        return f"Overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "Due today"
    return f"Due in {days} day{'s' if days != 1 else ''}"
