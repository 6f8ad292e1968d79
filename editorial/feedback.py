"""Admin messages that say what a workflow action did.

After a workflow action in the edit view Wagtail says "Page '…' has been updated.", which
tells an approver nothing about where the content went. ``workflow_outcome`` reads the
object's state after the action; ``replace_update_message`` swaps Wagtail's message for it
through Django's messages API.
"""

from django.contrib import messages
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import TaskState, WorkflowState

GENERIC_UPDATE = "has been updated"


def workflow_outcome(obj, action):
    """What ``action`` (``approve``/``reject``) did to ``obj``, in the approver's words."""
    if action == "reject":
        return "Changes requested: sent back to the editor with your comment."
    if action != "approve":
        return None
    obj.refresh_from_db()
    state = obj.current_workflow_state
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
