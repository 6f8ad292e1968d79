from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    def _get_validation_exclusions(self):
        # The body's form field has already validated its blocks, deferring the required
        # checks when an editor saves a draft; the model must not re-check them strictly.
        return {*super()._get_validation_exclusions(), "body"}

    def clean(self):
        cleaned_data = super().clean()
        disclaimer = cleaned_data.get("disclaimer")
        # Publishing or submitting for review (not saving a draft) needs a disclaimer
        # readers can be shown: one that has been published.
        if not self.is_deferred_validation and disclaimer is not None and not disclaimer.live:
            self.add_error(
                "disclaimer",
                f"The disclaimer '{disclaimer}' has not been published yet: publish it "
                "or choose a published disclaimer.",
            )
        if not self.is_deferred_validation:
            self.check_hero_image_alt(cleaned_data)
        return cleaned_data

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
