from django.core.management.base import BaseCommand

from articles.models import ArticleChange, ArticleTombstone
from articles.sync import tombstone_horizon


class Command(BaseCommand):
    help = (
        "Delete article tombstones and dependency changes older than "
        "SYNC_TOMBSTONE_RETENTION_DAYS. Syncs asking "
        "for changes since before then are already told to run a full build."
    )

    def handle(self, *args, **options):
        horizon = tombstone_horizon()
        deleted, _by_model = ArticleTombstone.objects.filter(removed_at__lt=horizon).delete()
        remaining = ArticleTombstone.objects.count()
        changes, _by_model = ArticleChange.objects.filter(changed_at__lt=horizon).delete()
        self.stdout.write(
            f"Deleted {deleted} tombstones from before {horizon:%Y-%m-%d %H:%M} UTC; "
            f"{remaining} kept. Deleted {changes} dependency changes."
        )
