from django.core.management.base import BaseCommand

from articles.dependencies import index_article
from articles.queries import published_articles


class Command(BaseCommand):
    help = (
        "Rebuild the dependency index of every live article (publishing keeps it current; "
        "run this once for articles published before the index existed)."
    )

    def handle(self, *args, **options):
        articles = published_articles().order_by("pk")
        total = articles.count()
        rows = 0
        for number, article in enumerate(articles.iterator(chunk_size=100), start=1):
            rows += index_article(article)
            if number % 100 == 0 or number == total:
                self.stdout.write(f"  {number}/{total} articles indexed")
        self.stdout.write(f"Indexed {total} live articles: {rows} dependencies.")
