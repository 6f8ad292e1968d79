from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    def _get_validation_exclusions(self):
        # The body's form field has already validated its blocks, deferring the required
        # checks when an editor saves a draft; the model must not re-check them strictly.
        return {*super()._get_validation_exclusions(), "body"}
