"""Seeds N published articles the size of the seed article, quickly, for the benchmark.

The demo content comes first (site, article index, snippets, the seed article); every
other article copies the seed article's body, sources, condition and disclaimer, gets a
reviewer, and links to the previous article from its intro, so rich-text link expansion
runs as it does for real articles. Articles are created live in one transaction (no
revision history: the API reads the live page rows, as it does after a publish).

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.seed 1000
"""

import argparse
import io
import os
import sys
import time

import django


def seed(count, progress=print):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from articles.models import ArticleIndexPage, ArticlePage, ArticleSource

    call_command("load_demo_content", stdout=io.StringIO())
    template = ArticlePage.objects.get(slug="immunotherapy-for-multiple-myeloma")
    existing = ArticlePage.objects.count()
    if existing >= count:
        progress(f"{existing} articles already there")
        return existing
    reviewer, _created = get_user_model().objects.get_or_create(
        username="bench-reviewer", defaults={"first_name": "Ada", "last_name": "Reviewer"}
    )
    body = template.body.get_prep_value()
    sources = [link.source for link in template.source_links.all()]
    index = ArticleIndexPage.objects.get()
    previous = template
    started = time.monotonic()
    # The reference index (which pages link where) is for editors; skipping it makes
    # seeding several times faster and changes nothing the API serves.
    with transaction.atomic(), disable_reference_index_auto_update():
        for number in range(existing + 1, count + 1):
            article = ArticlePage(
                title=f"{template.title} ({number})",
                slug=f"{template.slug}-{number}",
                subtitle=template.subtitle,
                summary=template.summary,
                intro=(
                    f"{template.intro}<p>Related: "
                    f'<a linktype="page" id="{previous.pk}">{previous.title}</a></p>'
                ),
                condition_id=template.condition_id,
                disclaimer_id=template.disclaimer_id,
                body=body,
                last_reviewed=template.last_reviewed,
                next_review_due=template.next_review_due,
                reviewer=reviewer,
                live=True,
                first_published_at=timezone.now(),
                last_published_at=timezone.now(),
            )
            article.source_links = [
                ArticleSource(source=source, sort_order=i) for i, source in enumerate(sources)
            ]
            index.add_child(instance=article)
            index.refresh_from_db(fields=["numchild"])
            previous = article
            if number % 100 == 0 or number == count:
                elapsed = time.monotonic() - started
                progress(f"  {number}/{count} articles ({elapsed:.1f} s)")
    return count


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=1000)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    total = seed(args.count, progress=lambda message: print(message, flush=True))
    print(f"{total} published articles")


if __name__ == "__main__":
    sys.exit(main())
