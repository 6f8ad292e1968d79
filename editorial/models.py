"""The medical review step of the editorial workflow."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask

from .publishing import medical_approval, publication_problems

MEDICAL_APPROVAL_ACTION = "editorial.medical_approval"


def record_medical_approval(obj, user, revision):
    """Put on record that ``user`` medically approved ``revision`` of ``obj`` (its history
    shows it; the reviewers' comparison starts from the last one)."""
    log(obj, MEDICAL_APPROVAL_ACTION, user=user, revision=revision)


def review_dates(today=None):
    """``(last_reviewed, next_review_due)`` for a medical review finished today."""
    today = today or timezone.localdate()
    return today, today + relativedelta(months=settings.ARTICLE_REVIEW_INTERVAL_MONTHS)


class MedicalReviewTask(AbstractGroupApprovalTask):
    """A group approval that stamps the article's review metadata when it approves.

    Why a task type and not a signal: Wagtail sends ``task_approved`` and
    ``workflow_approved`` only *after* the workflow has finished and published the latest
    revision, so a handler there could only stamp a later draft (or the live row without
    a revision, which the next edit would overwrite). Approval goes through
    ``on_action``: stamping there, before Wagtail's own approval, saves the stamp as the
    latest revision, and that is the revision the finishing workflow publishes. The task
    is recognised by its type, not by its name or its position in a workflow.

    Keep ``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` off (Wagtail's default): with it
    on, the stamp revision would count as an edit and send the article back to step one.
    """

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        obj = task_state.workflow_state.content_object
        problems = publication_problems(obj)
        if problems:
            # Refused before anything is stamped or published: back to the editor, saying why.
            return super().on_action(task_state, user, "reject", comment=" ".join(problems))
        self.stamp_review(obj, user)
        # The one door through which medical content goes live (editorial.publishing).
        with medical_approval(obj):
            return super().on_action(task_state, user, action_name, **kwargs)

    def stamp_review(self, obj, user):
        """Record the approval of ``obj``'s latest revision by ``user``.

        An article gets a revision reviewed today by ``user``; objects with no review
        dates (the library snippets in the same workflow) keep their latest revision. The
        approved revision is logged as ``editorial.medical_approval``: the reviewers'
        comparison starts from it.
        """
        draft = obj.get_latest_revision_as_object()
        if hasattr(draft, "next_review_due"):
            draft.last_reviewed, draft.next_review_due = review_dates()
            draft.reviewer = user
            # The finishing workflow publishes ``obj.get_latest_revision()``: point it here.
            obj.latest_revision = draft.save_revision(user=user, log_action=False)
        record_medical_approval(obj, user, obj.latest_revision)

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups approve the medical content; approval stamps "
            "the article's review dates and reviewer."
        )

    class Meta:
        verbose_name = "Medical review task"
        verbose_name_plural = "Medical review tasks"
