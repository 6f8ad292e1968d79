from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .creating import ImportNotAllowed, import_article
from .forms import ImportArticleForm, indexes_for
from .outline import DocumentError


def may_import(user):
    return indexes_for(user).exists()


class ImportArticleView(WagtailAdminTemplateMixin, FormView):
    """Upload a document; its draft article opens in the editor (never published)."""

    form_class = ImportArticleForm
    template_name = "articles/admin/import_article.html"
    page_title = "Import article"
    header_icon = "doc-full-inverse"
    _show_breadcrumbs = True

    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_url": reverse("articles_import"),
            "submit_button_label": "Import as draft",
            "submit_button_active_label": "Importing…",
        }

    def form_valid(self, form):
        try:
            result = import_article(
                form.outline,
                form.cleaned_data["parent"],
                user=self.request.user,
                condition=form.cleaned_data["condition"],
            )
        except DocumentError as error:
            form.add_import_error(error)
            return self.form_invalid(form)
        except ImportNotAllowed as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        article = result.article
        messages.success(
            self.request,
            f"Imported '{article.title}' as a draft. {' '.join(result.notes)}",
        )
        return redirect("wagtailadmin_pages:edit", article.pk)
