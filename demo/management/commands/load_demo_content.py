from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from articles.demo.loader import load_demo_content
from demo.users import ensure_demo_reviewer, ensure_demo_users
from editorial.models import record_medical_approval
from editorial.review_tools import last_medical_approval

DEMO_ADMIN = ("admin", "admin")


class Command(BaseCommand):
    help = (
        "Create the demo site from the seed article: home page, article index, condition, "
        "default disclaimer, trusted sources and the published article, and their Spanish "
        "demo translations. Idempotent: what exists is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-admin",
            action="store_true",
            help="Also create the superuser admin/admin. For local development only.",
        )
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help=(
                "Also create one user per editorial role: editor/editor, "
                "publisher/publisher, reviewer/reviewer. For local development only."
            ),
        )

    def handle(self, *args, with_admin=False, with_demo_users=False, **options):
        reviewer = ensure_demo_reviewer()
        report, articles = load_demo_content(
            progress=lambda step: self.stdout.write(f"  … {step}"), reviewer=reviewer
        )
        for article in articles:  # the seed article and its translations
            if article.reviewer_id == reviewer.pk and last_medical_approval(article) is None:
                # The seed text is the reviewed text: its review is on record like any
                # approval.
                record_medical_approval(article, reviewer, article.live_revision)
        if with_demo_users:
            ensure_demo_users(report)
        if with_admin:
            username, password = DEMO_ADMIN
            User = get_user_model()
            if User.objects.filter(username=username).exists():
                report.record(f"superuser '{username}'", created=False)
            else:
                User.objects.create_superuser(username, "admin@example.com", password)
                report.record(f"superuser '{username}' (password '{password}')", created=True)

        for label in report.created:
            self.stdout.write(self.style.SUCCESS(f"created   {label}"))
        for label in report.unchanged:
            self.stdout.write(f"unchanged {label}")
        slugs = ", ".join(f"{a.slug} ({a.locale.language_code})" for a in articles)
        self.stdout.write(
            f"Demo content: {len(report.created)} created, {len(report.unchanged)} unchanged. "
            f"Article slugs: {slugs}"
        )
