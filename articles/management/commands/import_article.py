from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from articles.importing import (
    DocumentError,
    ImportNotAllowed,
    import_article,
    read_document,
)
from articles.models import ArticleIndexPage, Condition


class Command(BaseCommand):
    help = (
        "Create a draft article from a document (.txt, .md or .docx): title line, intro, "
        "headings, subsections and a pipe table of treatments. Never publishes; --submit "
        "sends the draft to Medical review as --user, with that user's permissions."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The document to import.")
        parser.add_argument(
            "--parent",
            help="Slug of the articles index to add it to (default: the only one in the "
            "default language; translations have their own indexes).",
        )
        parser.add_argument(
            "--condition",
            help="Slug of the article's condition (default: the one its title names).",
        )
        parser.add_argument(
            "--subsection",
            action="append",
            default=[],
            metavar="HEADING",
            help="Plain text only: a heading that is a subsection, not a section (repeatable).",
        )
        parser.add_argument("--user", help="Import as this user, with their page permissions.")
        parser.add_argument(
            "--submit", action="store_true", help="Submit the draft to Medical review as --user."
        )

    def handle(self, *args, path, parent, condition, subsection, user, submit, **options):
        if submit and not user:
            raise CommandError("--submit needs --user: the person submitting to Medical review.")
        document = Path(path)
        if not document.is_file():
            raise CommandError(f"No such file: {document}")
        importer = self.user(user)
        parent_page = self.parent(parent)
        chosen_condition = self.condition(condition)
        self.stdout.write(f"  … reading {document.name}")
        try:
            outline = read_document(document.read_bytes(), document.name, subsection)
            self.stdout.write(
                f"  … read '{outline.title}': {len(outline.intro)} intro paragraphs, "
                f"{len(outline.body)} sections and tables"
            )
            self.stdout.write(f"  … creating the draft in '{parent_page.title}'")
            result = import_article(
                outline,
                parent_page,
                user=importer,
                submit=submit,
                condition=chosen_condition,
            )
        except (DocumentError, ImportNotAllowed) as error:
            raise CommandError(f"{document.name}: {error} Nothing was imported.") from None
        for line in result.summary_lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Imported {document.name} as a draft."))

    def user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user '{username}'.")
        return user

    def parent(self, slug):
        indexes = ArticleIndexPage.objects.all()
        if slug:
            index = indexes.filter(slug=slug).first()
            if index is None:
                raise CommandError(f"No articles index with the slug '{slug}'.")
            return index
        indexes = indexes.filter(locale=Locale.get_default())
        if indexes.count() != 1:
            raise CommandError(
                f"There are {indexes.count()} articles indexes in the default language: choose "
                "one with --parent SLUG."
            )
        return indexes.get()

    def condition(self, slug):
        if not slug:
            return None
        condition = Condition.objects.filter(slug=slug).first()
        if condition is None:
            raise CommandError(f"No condition with the slug '{slug}'.")
        return condition
