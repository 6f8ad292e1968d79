"""How wagtail-localize's admin fits the Medical review workflow.

Registered before wagtail-localize's own hooks and URLs (``localization`` comes first in
INSTALLED_APPS), so these run first and take precedence:

- the translation editor's primary button submits the translation to Medical review
  (``localization.review``) instead of publishing it, for content under medical review;
- "Sync translated pages" updates the translators' strings and never publishes;
- "Convert back to alias" is refused for articles: an alias would serve the source
  language's text as the translation;
- the translation editor's labels say "Submit for review", not "Publish".
"""

import copy

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from wagtail import hooks
from wagtail.models import Page, TranslatableMixin
from wagtail.permissions import policy_registry
from wagtail_localize.views.edit_translation import edit_translation

from editorial.publishing import under_medical_review

from .review import TranslationNotReady, save_translation_draft, submit_for_review, translation_of
from .staleness import warn_if_out_of_date
from .views import RelabelledCatalog, UpdateTranslationsWithoutPublishing, refuse_alias_of_article

OUTCOMES = {
    "submitted": "Submitted to Medical review: the {language} version goes live when a "
    "medical reviewer approves it.",
    "resubmitted": "Resubmitted to Medical review with your changes.",
    "joined": "Saved to the Medical review already in progress: reviewers see this version.",
}


def may_edit(user, obj):
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    policy = policy_registry.get_by_type(type(obj))
    return policy.user_has_permission_for_instance(user, "change", obj)


def submit_translation(request, obj, translation):
    language = translation.target_locale.language_name_localized
    try:
        save_translation_draft(translation, request.user)
        outcome = submit_for_review(obj, request.user)
    except TranslationNotReady as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, OUTCOMES[outcome].format(language=language))
    return redirect(request.get_full_path())


def as_submitter(request, obj):
    """The request with a user for whom the translation editor shows its primary button
    (wagtail-localize shows it to those who may publish): everyone who may edit ``obj``.
    The button's POST comes back to ``review_translations``, which submits."""
    if not may_edit(request.user, obj):
        return request, obj
    if isinstance(obj, Page):
        obj = copy.copy(obj)
        tester = obj.permissions_for_user(request.user)
        tester.can_publish = lambda: True
        obj.permissions_for_user = lambda user: tester
        return request, obj
    user = copy.copy(request.user)
    has_perm = user.has_perm
    publish = f"{obj._meta.app_label}.publish_{obj._meta.model_name}"
    user.has_perm = lambda perm, obj=None: perm == publish or has_perm(perm, obj)
    request = copy.copy(request)
    request.user = user
    return request, obj


def review_translations(request, obj):
    """The translation editor of a medically reviewed object, submitting for review."""
    if not under_medical_review(type(obj)):
        return None
    translation = translation_of(obj)
    if translation is None:
        return None
    if request.method == "POST" and request.POST.get("action") == "publish":
        if not may_edit(request.user, obj):
            messages.error(request, "Not submitted: you may not edit this translation.")
            return redirect(request.get_full_path())
        return submit_translation(request, obj, translation)
    if request.method == "GET":
        submitter_request, shown = as_submitter(request, obj)
        return edit_translation(submitter_request, translation, shown)
    return None


def edit_translatable(request, obj):
    if request.method == "GET" and isinstance(obj, TranslatableMixin) and hasattr(obj, "live"):
        warn_if_out_of_date(request, obj)
    return review_translations(request, obj)


@hooks.register("before_edit_page")
def edit_page_translations(request, page):
    return edit_translatable(request, page.specific)


@hooks.register("before_edit_snippet")
def edit_snippet_translations(request, instance):
    return edit_translatable(request, instance)


@hooks.register("register_admin_urls")
def take_over_publishing_views():
    # The same paths as wagtail-localize's (its URLs come later in the admin's list).
    return [
        path("localize/jsi18n/", RelabelledCatalog.as_view(packages=["wagtail_localize"])),
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsWithoutPublishing.as_view(),
        ),
        path("localize/page/<int:page_id>/convert_to_alias/", refuse_alias_of_article),
    ]
