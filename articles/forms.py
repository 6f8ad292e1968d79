from wagtail.admin.forms import WagtailAdminPageForm

from .models.snippets import Disclaimer


class ArticlePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        article = self.instance
        if article._state.adding and article.locale_id and "disclaimer" in self.fields:
            # A new article starts with its own language's default disclaimer.
            self.initial["disclaimer"] = Disclaimer.default_pk(article.locale_id)

    def _get_validation_exclusions(self):
        # The body's form field has already validated its blocks, deferring the required
        # checks when an editor saves a draft; the model must not re-check them strictly.
        return {*super()._get_validation_exclusions(), "body"}

    def clean(self):
        cleaned_data = super().clean()
        disclaimer = cleaned_data.get("disclaimer")
        # Publishing or submitting for review (not saving a draft) needs a disclaimer
        # readers can be shown: one that has been published.
        if not self.is_deferred_validation and disclaimer is not None:
            self.check_disclaimer(disclaimer)
        if not self.is_deferred_validation:
            self.check_hero_image_alt(cleaned_data)
            self.check_condition_language(cleaned_data.get("condition"))
        return cleaned_data

    def check_disclaimer(self, disclaimer):
        """Submitting needs a published disclaimer in the article's own language."""
        locale = self.instance.locale
        if locale is not None and disclaimer.locale_id != locale.pk:
            language = locale.language_name_localized
            self.add_error(
                "disclaimer",
                f"Choose a {language} disclaimer: readers of {language} articles see "
                f"{language} legal text only ('{disclaimer}' is in "
                f"{disclaimer.locale.language_name_localized}).",
            )
        elif not disclaimer.live:
            self.add_error(
                "disclaimer",
                f"The disclaimer '{disclaimer}' has not been published yet: publish it "
                "or choose a published disclaimer.",
            )

    def check_condition_language(self, condition):
        """Submitting needs the condition in the article's language (no fallback)."""
        locale = self.instance.locale
        if condition is not None and locale is not None and condition.locale_id != locale.pk:
            language = locale.language_name_localized
            self.add_error(
                "condition",
                f"Choose the {language} version of '{condition}': readers of {language} "
                f"articles see {language} text only.",
            )

    def check_hero_image_alt(self, cleaned_data):
        """A hero image needs alt text to go to review or live, unless marked decorative."""
        if cleaned_data.get("hero_image") is None:
            return
        alt = (cleaned_data.get("hero_image_alt") or "").strip()
        decorative = cleaned_data.get("hero_image_decorative")
        if decorative and alt:
            self.add_error(
                "hero_image_alt",
                "A decorative image is served without alt text: clear the alt text or "
                "untick decorative.",
            )
        elif not decorative and not alt:
            self.add_error(
                "hero_image_alt",
                "Describe the hero image for readers who cannot see it, or mark it decorative.",
            )
