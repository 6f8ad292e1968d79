from django import forms
from wagtail.models import Locale

from ..models import ArticleIndexPage, Condition
from .creating import may_import_under
from .outline import DocumentError
from .reading import ACCEPTED_SUFFIXES, MAX_DOCUMENT_BYTES, read_document


def indexes_for(user):
    """The articles indexes ``user`` may add articles to."""
    return ArticleIndexPage.objects.filter(
        pk__in=[
            index.pk for index in ArticleIndexPage.objects.all() if may_import_under(user, index)
        ]
    ).order_by("title")


class ImportArticleForm(forms.Form):
    """An upload and where its draft goes; ``clean`` reads the document into ``outline``."""

    document = forms.FileField(
        help_text=f"A {ACCEPTED_SUFFIXES} file of at most {MAX_DOCUMENT_BYTES // 1024 // 1024} "
        "MB: the title line, the intro, headings (## sections, ### subsections in Markdown), "
        "a pipe table of treatments, and the disclaimer as the last paragraph.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_SUFFIXES.replace(" ", "")}),
    )
    parent = forms.ModelChoiceField(
        queryset=ArticleIndexPage.objects.none(),
        label="Add to",
        help_text="The articles index the draft is created in.",
    )
    condition = forms.ModelChoiceField(
        queryset=Condition.objects.all(),
        required=False,
        empty_label="The condition the title names",
        help_text="The condition the article is about, in the article's language.",
    )
    subsection_headings = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Plain text (.txt) only: headings that are subsections, one per line. "
        "Other headings become sections.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        indexes = indexes_for(user)
        self.fields["parent"].queryset = indexes
        # The default language's index first: translations have their own indexes.
        default = indexes.filter(locale=Locale.get_default()).first()
        if default is not None or len(indexes) == 1:
            self.fields["parent"].initial = default or indexes[0]

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("document")
        if upload is None:
            return cleaned_data
        if upload.size > MAX_DOCUMENT_BYTES:
            self.add_error(
                "document",
                f"The file is {upload.size:,} bytes; documents may be at most "
                f"{MAX_DOCUMENT_BYTES:,} bytes.",
            )
            return cleaned_data
        headings = (cleaned_data.get("subsection_headings") or "").splitlines()
        try:
            self.outline = read_document(
                upload.read(), upload.name, [h.strip() for h in headings if h.strip()]
            )
        except DocumentError as error:
            self.add_error("document", forms.ValidationError(str(error), code=error.code))
        return cleaned_data

    def add_import_error(self, error):
        """Report a problem found while creating the article on the field it concerns."""
        field = "condition" if error.code == "condition" else "document"
        self.add_error(field, forms.ValidationError(str(error), code=error.code))
