"""Publishes new revisions of N benchmark articles, as editors would, for the sync scenario.

DJANGO_SETTINGS_MODULE=bench.settings python -m bench.changes 10
"""

import argparse
import os
import sys

import django


def publish_changes(count):
    from articles.models import ArticlePage

    changed = []
    for article in ArticlePage.objects.order_by("-pk")[:count]:
        article.title = f"{article.title} (changed)"
        article.save_revision().publish()
        changed.append(article.slug)
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=10)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    print(f"published {len(publish_changes(args.count))} changed articles")


if __name__ == "__main__":
    sys.exit(main())
