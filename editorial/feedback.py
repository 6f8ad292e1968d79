"""Admin messages that say what a workflow action did, or why it did not happen.

After a workflow action in the edit view Wagtail says "Page '…' has been updated.", which
tells an approver nothing about where the content went. ``workflow_outcome`` reads the
object's state after the action; ``replace_update_message`` swaps Wagtail's message for it
through Django's messages API.

A submit (or approval) refused by validation says "could not be saved", while Wagtail's
autosave then keeps the edits as a draft and shows "Saved": the two contradict each
other. ``explain_refused_submission`` says what was refused (the submission) and what is
kept.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import TaskState, WorkflowState

GENERIC_UPDATE = "has been updated"
NOT_SAVED = "could not be saved due to validation errors"
NOT_SAVED_SENTENCE = re.compile(r"The [^<]*? could not be saved due to validation errors\.")
# Buttons of the edit view's footer that ask for more than a draft save.
SUBMITTING_ACTIONS = ("action-submit", "action-publish", "action-workflow-action")


def workflow_outcome(obj, action):
    """What ``action`` (``approve``/``reject``) did to ``obj``, in the approver's words."""
    if action == "reject":
        return "Changes requested: sent back to the editor with your comment."
    if action != "approve":
        return None
    obj.refresh_from_db()
    state = obj.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        # Refused at approval (editorial.publishing.publication_problems).
        return f"{state.current_task_state.comment} Sent back to the editor."
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return f"Approved, sent to {state.current_task_state.task.name}."
    go_live_at = obj.go_live_at
    if go_live_at and go_live_at > timezone.now() and not obj.live:
        when = date_format(timezone.localtime(go_live_at), "DATETIME_FORMAT")
        return f"Approved and scheduled: goes live on {when}."
    return "Approved and published: readers see this version now."


def replace_update_message(request, message):
    """Queue ``message`` instead of Wagtail's generic "has been updated" one."""
    storage = messages.get_messages(request)
    kept = [m for m in storage if GENERIC_UPDATE not in str(m.message)]
    for old in kept:
        messages.add_message(request, old.level, old.message, extra_tags=old.extra_tags)
    messages.success(request, message)


def explain_refused_submission(request):
    """Replace "could not be saved" after a refused submit with what really happened."""
    if request.method != "POST" or not any(name in request.POST for name in SUBMITTING_ACTIONS):
        return
    storage = messages.get_messages(request)
    queued = list(storage)
    storage.used = False  # the queued messages are still to be shown
    if not any(NOT_SAVED in str(message.message) for message in queued):
        return
    kept = (
        " Your edits are kept as a draft (autosave) while you do."
        if getattr(settings, "WAGTAIL_AUTOSAVE_INTERVAL", 500) > 0
        else ""
    )
    explanation = f"Not submitted: fix the errors marked below, then submit again.{kept}"
    for message in queued:
        if NOT_SAVED in str(message.message):
            # Wagtail's message is safe HTML (its error list); only the sentence changes.
            message.message = mark_safe(  # noqa: S308 (escaped text in Wagtail's markup)
                NOT_SAVED_SENTENCE.sub(escape(explanation), str(message.message), count=1)
            )


def changes_requested(obj):
    """``(reviewer, comment)`` of the request for changes ``obj`` waits on, or ``None``."""
    state = obj.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    rejected = (
        state.task_states.filter(status=TaskState.STATUS_REJECTED).order_by("-finished_at").first()
    )
    if rejected is None:
        return None
    return rejected.finished_by, rejected.get_comment()
