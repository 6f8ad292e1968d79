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
        return cleaned_data
