from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from articles.demo.loader import ARTICLE_SLUG, load_demo_content
from demo.users import ensure_demo_users

DEMO_ADMIN = ("admin", "admin")


class Command(BaseCommand):
    help = (
        "Create the demo site from the seed article: home page, article index, condition, "
        "default disclaimer, trusted sources and the published article. Idempotent: what "
        "exists is left as it is."
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
        report = load_demo_content(progress=lambda step: self.stdout.write(f"  … {step}"))
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
        self.stdout.write(
            f"Demo content: {len(report.created)} created, {len(report.unchanged)} unchanged. "
            f"Article slug: {ARTICLE_SLUG}"
        )
