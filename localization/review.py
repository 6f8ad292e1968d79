"""Translations reach readers through Medical review, like every other change.

wagtail-localize writes a translation into its target when a translator clicks "Publish in
<language>": it saves the target's row (for a live page or snippet, that row is what
readers are served) and publishes it. Here that button does what an editor's submit does:
the translated strings become a new draft revision of the target, which the live version
does not see, and the draft goes to the Medical review workflow. It goes live when a
medical reviewer approves it (``editorial.publishing``), with its own review stamp.
"""

from django.core.exceptions import ValidationError
from wagtail.models import WorkflowState
from wagtail_localize.models import (
    MissingRelatedObjectError,
    MissingTranslationError,
    Translation,
)


class TranslationNotReady(Exception):
    """The translation cannot be submitted yet; ``str()`` tells the translator why."""


def translation_of(obj):
    """The synced wagtail-localize translation whose target is ``obj``, or ``None``."""
    return (
        Translation.objects.filter(
            source__object_id=obj.translation_key,
            target_locale_id=obj.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def save_translation_draft(translation, user):
    """A new draft revision of the target with the translated strings; nothing live
    changes (only Wagtail's revision bookkeeping is written to the target's row)."""
    locale = translation.target_locale
    language = locale.language_name_localized
    try:
        draft = translation.source.get_ephemeral_translated_instance(locale)
    except MissingTranslationError:
        raise TranslationNotReady(
            f"Not submitted: some strings have no {language} translation yet. Translate "
            "every string, then submit again."
        ) from None
    except MissingRelatedObjectError as error:
        raise TranslationNotReady(
            f"Not submitted: '{error.segment.get_source_instance()}' has no {language} "
            f"version yet. Translate it first (readers of {language} articles see only "
            f"{language} disclaimers, conditions and sources), then submit again."
        ) from None
    try:
        return draft.save_revision(user=user)
    except ValidationError as error:
        problems = "; ".join(
            message for messages in error.message_dict.values() for message in messages
        )
        raise TranslationNotReady(f"Not submitted: {problems}") from None


def submit_for_review(obj, user):
    """Send ``obj``'s latest revision through its workflow, as an editor's submit does.

    Returns what happened, for the translator: a new review, a resubmission after changes
    were requested, or the draft joining the review already in progress.
    """
    state = obj.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resubmit(user)
        return "resubmitted"
    if state is not None:
        return "joined"
    workflow = obj.get_workflow()
    if workflow is None:
        raise TranslationNotReady("Not submitted: no review workflow applies here.")
    workflow.start(obj, user)
    return "submitted"
