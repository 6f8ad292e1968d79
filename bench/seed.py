"""Seeds N published articles the size of the seed article, quickly, for the benchmark.

The demo content comes first (site, article index, snippets, the seed article); every
other article copies the seed article's body, sources, condition and disclaimer, gets a
reviewer, and links to the previous article from its intro, so rich-text link expansion
runs as it does for real articles. Articles are written live, in bulk, in one transaction:
the base page rows with ``bulk_create`` (tree paths computed here), the article rows with
one multi-row insert per batch (Django cannot ``bulk_create`` a multi-table-inherited
model), then their sources. No revision history, search or reference index and no signals:
the API reads the live rows, as it does after a publish. 10,000 articles take seconds.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.seed 10000
"""

import argparse
import os
import sys
import time

import django

BATCH = 500


def seed(count, progress=print):
    import io

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import transaction

    from articles.models import ArticleIndexPage, ArticlePage

    call_command("load_demo_content", stdout=io.StringIO())
    existing = ArticlePage.objects.count()
    if existing >= count:
        progress(f"{existing} articles already there")
        return existing
    template = ArticlePage.objects.get(slug="immunotherapy-for-multiple-myeloma")
    index = ArticleIndexPage.objects.get()
    context = {
        "template": template,
        "index": index,
        "reviewer": bench_reviewer(),
        "body": template.body.get_prep_value(),
        "sources": [link.source_id for link in template.source_links.all()],
        "content_type": ContentType.objects.get_for_model(ArticlePage),
    }
    last_child = index.get_last_child()
    step = ArticlePage._str2int(last_child.path[-ArticlePage.steplen :]) if last_child else 0
    previous = template
    started = time.monotonic()
    with transaction.atomic():
        for first in range(existing + 1, count + 1, BATCH):
            numbers = range(first, min(first + BATCH, count + 1))
            previous = write_batch(numbers, step + first - existing - 1, previous, context)
            elapsed = time.monotonic() - started
            progress(f"  {numbers[-1]}/{count} articles ({elapsed:.1f} s)")
        index.numchild = index.get_children().count()
        index.save(update_fields=["numchild"])
    return count


def bench_reviewer():
    from django.contrib.auth import get_user_model

    reviewer, _created = get_user_model().objects.get_or_create(
        username="bench-reviewer", defaults={"first_name": "Ada", "last_name": "Reviewer"}
    )
    return reviewer


def write_batch(numbers, step, previous, context):
    """Writes one batch of articles; returns the last one (the next batch links to it)."""
    import uuid

    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Page

    from articles.models import ArticlePage, ArticleSource

    template, index = context["template"], context["index"]
    now = timezone.now()
    articles = []
    for offset, number in enumerate(numbers, start=1):
        slug = f"{template.slug}-{number}"
        title = f"{template.title} ({number})"
        articles.append(
            ArticlePage(
                title=title,
                draft_title=title,
                slug=slug,
                path=ArticlePage._get_path(index.path, index.depth + 1, step + offset),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                content_type=context["content_type"],
                locale_id=template.locale_id,
                translation_key=uuid.uuid4(),
                subtitle=template.subtitle,
                summary=template.summary,
                condition_id=template.condition_id,
                disclaimer_id=template.disclaimer_id,
                body=context["body"],
                last_reviewed=template.last_reviewed,
                next_review_due=template.next_review_due,
                reviewer=context["reviewer"],
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
    page_fields = Page._meta.concrete_fields
    pages = Page.objects.bulk_create(
        [Page(**{f.attname: getattr(a, f.attname) for f in page_fields}) for a in articles]
    )
    for article, page in zip(articles, pages, strict=True):
        article.pk = article.page_ptr_id = page.pk
        article.intro = (
            f"{template.intro}<p>Related: "
            f'<a linktype="page" id="{previous.pk}">{previous.title}</a></p>'
        )
        previous = article
    local_fields = ArticlePage._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in local_fields)
    placeholders = ", ".join(["%s"] * len(local_fields))
    rows = [
        [f.get_db_prep_save(f.pre_save(article, True), connection) for f in local_fields]
        for article in articles
    ]
    table = connection.ops.quote_name(ArticlePage._meta.db_table)
    with connection.cursor() as cursor:
        insert = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 (names from the model)
        cursor.executemany(insert, rows)
    ArticleSource.objects.bulk_create(
        ArticleSource(page_id=article.pk, source_id=source, sort_order=order)
        for article in articles
        for order, source in enumerate(context["sources"])
    )
    return previous


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
