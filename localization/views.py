"""wagtail-localize views, changed where they would put a translation live directly."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.views.i18n import JavaScriptCatalog
from wagtail.models import Page
from wagtail_localize.views.convert import convert_to_alias
from wagtail_localize.views.update_translations import (
    UpdateTranslationsForm,
    UpdateTranslationsView,
)

from editorial.publishing import under_medical_review

# The translation editor's primary button submits for review (localization.wagtail_hooks).
SUBMIT_LABELS = {
    "en": {"Publish in ": "Submit for review: ", "Publishing...": "Submitting..."},
    "es": {"Publish in ": "Enviar a revisión: ", "Publishing...": "Enviando..."},
}


class RelabelledCatalog(JavaScriptCatalog):
    """wagtail-localize's JavaScript strings, with its Publish button named for what it
    does here."""

    def get_catalog(self):
        catalog = super().get_catalog()
        language = (get_language() or "en").split("-")[0]
        catalog.update(SUBMIT_LABELS.get(language, SUBMIT_LABELS["en"]))
        return catalog


class SyncOnlyForm(UpdateTranslationsForm):
    """Updating translations brings the source's new strings to translators; it never
    publishes (translations go live through Medical review)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["publish_translations"]

    def clean(self):
        return {**super().clean(), "publish_translations": False}


class UpdateTranslationsWithoutPublishing(UpdateTranslationsView):
    def get_form(self):
        return SyncOnlyForm(self.request.POST if self.request.method == "POST" else None)


def refuse_alias_of_article(request, page_id):
    """An article's translation may not become an alias of its source: the alias would
    serve the source language's text, unreviewed, as the translation."""
    page = get_object_or_404(Page, id=page_id)
    if under_medical_review(page.specific_class):
        messages.error(
            request,
            "Not converted: an article's translation cannot become an alias of its source "
            "(readers would be served the source language's text as the translation). Edit "
            "the translation and submit it to Medical review instead.",
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return convert_to_alias(request, page_id)
