"""Medical reviewers' read-only tools: an article's history and the comparison with the
last medically approved version; for the library snippets (disclaimers, conditions,
trusted sources), their history and comparisons.

Wagtail opens its own history and comparison views only to users who may edit or publish
the page; medical reviewers do neither (``editorial.publishing``), yet they need to see
what changed since they last approved. These views are Wagtail's, with a permission check
that also admits medical reviewers, and without revert, preview or unschedule links.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from wagtail.admin.views.generic.models import RevisionsCompareView
from wagtail.admin.views.pages.history import PageHistoryView
from wagtail.models import Page, PageLogEntry
from wagtail.snippets.views import snippets as snippet_views

from .models import MEDICAL_APPROVAL_ACTION, MedicalReviewTask


def is_medical_reviewer(user):
    """Whether ``user`` may act on an active medical review step (superusers may).

    Remembered on the user object: one query per request however often it is asked.
    """
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_is_medical_reviewer"):
        reviewing = MedicalReviewTask.objects.filter(active=True, groups__user=user)
        user._is_medical_reviewer = reviewing.exists()
    return user._is_medical_reviewer


def may_review(user, page):
    """Read access to an article's history: its editors, publishers and medical reviewers."""
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() or permissions.can_unpublish() or is_medical_reviewer(user)


def last_medical_approval(page):
    """The log entry of ``page``'s last medically approved revision, or ``None``."""
    return (
        PageLogEntry.objects.filter(page=page, action=MEDICAL_APPROVAL_ACTION)
        .exclude(revision=None)
        .order_by("-timestamp", "-pk")
        .first()
    )


def reviewable_page(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    if not may_review(request.user, page):
        raise PermissionDenied
    return page


class ReviewHistoryView(PageHistoryView):
    """An article's history, for anyone who reviews it; comparisons only, no changes."""

    history_url_name = "editorial_review_history"
    history_results_url_name = "editorial_review_history_results"
    revisions_view_url_name = None
    revisions_revert_url_name = None
    revisions_compare_url_name = "editorial_review_compare"
    revisions_unschedule_url_name = None

    def user_has_any_permission(self, permissions):
        return True  # per article, in get_object

    def get_object(self):
        return reviewable_page(self.request, self.pk)

    def user_can_unschedule(self):
        return False


class ReviewCompareView(RevisionsCompareView):
    """Wagtail's comparison of two revisions of an article, for anyone who reviews it."""

    model = Page
    header_icon = "doc-empty-inverse"
    history_url_name = "editorial_review_history"
    edit_url_name = "wagtailadmin_pages:edit"

    def get_object(self, queryset=None):
        return reviewable_page(self.request, self.pk)

    def get_edit_handler(self):
        return self.object.get_edit_handler()

    def get_page_subtitle(self):
        return self.object.get_admin_display_title()


def compare_with_last_approval(request, page_id):
    """One click: what changed between the last medically approved version and the latest."""
    page = reviewable_page(request, page_id)
    approval = last_medical_approval(page)
    if approval is None:
        messages.warning(
            request,
            f"'{page.get_admin_display_title()}' has never been medically approved: its "
            "history shows every version.",
        )
        return redirect("editorial_review_history", page.pk)
    return redirect(
        reverse("editorial_review_compare", args=[page.pk, approval.revision_id, "latest"])
    )


class SnippetReviewHistoryView(snippet_views.HistoryView):
    """A library snippet's history: also open to medical reviewers, who approve its
    versions without holding the model's change permission."""

    def user_has_any_permission(self, permissions):
        return is_medical_reviewer(self.request.user) or super().user_has_any_permission(
            permissions
        )


class SnippetReviewCompareView(snippet_views.RevisionsCompareView):
    """Wagtail's comparison of two versions of a library snippet, also for medical
    reviewers (read-only: the view changes nothing)."""

    def user_has_permission(self, permission):
        return is_medical_reviewer(self.request.user) or super().user_has_permission(permission)
