"""``articleChanges``: incremental sync for static builds, from tombstones and publish times."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from articles.models import ArticleIndexPage, ArticlePage, ArticleTombstone

from .factories import make_article

pytestmark = pytest.mark.django_db

CHANGES = """query($since: DateTime, $page: Int, $perPage: Int) {
  articleChanges(since: $since, page: $page, perPage: $perPage) {
    since serverTime nextSince
    changed {
      items { id slug url title }
      pagination { total count currentPage nextPage totalPages }
    }
    removed {
      items { articleId slug url reason removedAt }
      pagination { total count currentPage nextPage totalPages }
    }
  }
}"""


def changes(graphql, since=None, **variables):
    if since is not None:
        variables["since"] = since.isoformat()
    return graphql.execute(CHANGES, variables)["articleChanges"]


def parse(value):
    return datetime.datetime.fromisoformat(value)


def changed_titles(data):
    return [item["title"] for item in data["changed"]["items"]]


def test_full_snapshot_without_since(graphql, seed_article):
    before = timezone.now()
    data = changes(graphql)
    assert data["since"] is None
    assert changed_titles(data) == [seed_article.title]
    assert data["changed"]["pagination"]["total"] == 1
    assert data["removed"] == {
        "items": [],
        "pagination": {
            "total": 0,
            "count": 0,
            "currentPage": 1,
            "nextPage": None,
            "totalPages": 1,
        },
    }
    server_time = parse(data["serverTime"])
    assert before <= server_time <= timezone.now()
    assert parse(data["nextSince"]) == server_time - datetime.timedelta(seconds=60)


def test_published_and_updated_since(graphql, seed_article, settings):
    settings.SYNC_OVERLAP_SECONDS = 0
    since = parse(changes(graphql)["nextSince"])
    assert changes(graphql, since)["changed"]["items"] == []

    new = make_article("Bone health")
    seed_article.title = "Immunotherapy, updated"
    seed_article.save_revision().publish()
    make_article("Still a draft", publish=False)

    data = changes(graphql, since)
    assert changed_titles(data) == ["Immunotherapy, updated", "Bone health"]
    assert data["changed"]["items"][1]["url"] == f"/health-articles/{new.slug}/"
    assert data["removed"]["items"] == []


def test_since_is_inclusive_and_needs_an_offset(graphql, seed_article):
    published_at = ArticlePage.objects.get(pk=seed_article.pk).last_published_at
    assert changed_titles(changes(graphql, published_at)) == [seed_article.title]
    later = published_at + datetime.timedelta(microseconds=1)
    assert changed_titles(changes(graphql, later)) == []

    response = graphql.post(CHANGES, {"since": "2026-01-31T09:00:00"})
    assert response.json()["errors"][0]["message"] == (
        "since needs a UTC offset, e.g. 2026-01-31T09:00:00+00:00."
    )
    response = graphql.post(CHANGES, {"since": "last tuesday"})
    assert response.status_code == 200  # legacy application/json: the operation did not run
    assert "DateTime cannot represent" in response.json()["errors"][0]["message"]
    assert response.json()["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}


def test_scheduled_go_live_is_a_change(graphql, demo_content):
    article = make_article("Coming soon", publish=False)
    article.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = article.save_revision()
    revision.publish()
    assert not ArticlePage.objects.get(pk=article.pk).live
    # An hour later, as far as the scheduled revision knows.
    since = timezone.now()
    due = since - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = due.isoformat()
    revision.approved_go_live_at = due
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", stdout=io.StringIO())
    assert changed_titles(changes(graphql, since)) == ["Coming soon"]


def test_scheduled_expiry_is_an_unpublish(graphql, seed_article):
    since = timezone.now()
    page = ArticlePage.objects.get(pk=seed_article.pk)
    page.expire_at = since - datetime.timedelta(minutes=1)
    page.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    removed = changes(graphql, since)["removed"]["items"]
    assert [(t["slug"], t["reason"]) for t in removed] == [(seed_article.slug, "UNPUBLISHED")]


def test_since_older_than_the_tombstones_kept_needs_a_full_build(graphql, demo_content, settings):
    settings.SYNC_TOMBSTONE_RETENTION_DAYS = 30
    old = timezone.now() - datetime.timedelta(days=31)
    response = graphql.post(CHANGES, {"since": old.isoformat()})
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "SYNC_SINCE_TOO_OLD"}
    assert "run a full build" in error["message"]

    make_article("Old news").unpublish()
    ArticleTombstone.objects.update(removed_at=old)
    make_article("Recent news").unpublish()
    out = io.StringIO()
    call_command("prune_article_tombstones", stdout=out)
    assert "Deleted 1 tombstones" in out.getvalue()
    assert list(ArticleTombstone.objects.values_list("slug", flat=True)) == ["recent-news"]


def test_unpublish_then_republish(graphql, seed_article, settings):
    settings.SYNC_OVERLAP_SECONDS = 0
    since = parse(changes(graphql)["nextSince"])
    seed_article.unpublish()

    data = changes(graphql, since)
    assert data["changed"]["items"] == []
    [tombstone] = data["removed"]["items"]
    assert tombstone["articleId"] == str(seed_article.pk)
    assert tombstone["slug"] == seed_article.slug
    assert tombstone["url"] == "/health-articles/immunotherapy-for-multiple-myeloma/"
    assert tombstone["reason"] == "UNPUBLISHED"
    assert since <= parse(tombstone["removedAt"]) <= timezone.now()

    # Republished: removed first, then changed, so a client ends up with the page again.
    ArticlePage.objects.get(pk=seed_article.pk).get_latest_revision().publish()
    data = changes(graphql, since)
    assert changed_titles(data) == [seed_article.title]
    assert [t["reason"] for t in data["removed"]["items"]] == ["UNPUBLISHED"]


def test_delete_of_a_live_article_leaves_a_tombstone_drafts_do_not(graphql, seed_article):
    since = timezone.now()
    draft = make_article("Secret draft slug", publish=False)
    draft.delete()
    Page.objects.get(pk=seed_article.pk).delete()

    data = changes(graphql, since)
    assert [(t["articleId"], t["reason"]) for t in data["removed"]["items"]] == [
        (str(seed_article.pk), "DELETED")
    ]
    assert not ArticleTombstone.objects.filter(slug=draft.slug).exists()


def test_private_articles_leave_no_tombstone(graphql, demo_content):
    since = timezone.now()
    article = make_article("Staff only")
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    article.unpublish()
    assert changes(graphql, since)["removed"]["items"] == []


def test_deleting_the_index_buries_its_live_articles(graphql, seed_article):
    since = timezone.now()
    other = make_article("Bone health")
    ArticleIndexPage.objects.get().delete()
    removed = changes(graphql, since)["removed"]["items"]
    assert sorted((t["slug"], t["reason"]) for t in removed) == [
        (other.slug, "DELETED"),
        (seed_article.slug, "DELETED"),
    ]


def test_slug_change_is_a_change_and_buries_the_old_path(
    graphql, seed_article, django_capture_on_commit_callbacks
):
    since = timezone.now()
    page = ArticlePage.objects.get(pk=seed_article.pk)
    page.slug = "myeloma-immunotherapy"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    data = changes(graphql, since)
    assert [item["url"] for item in data["changed"]["items"]] == [
        "/health-articles/myeloma-immunotherapy/"
    ]
    assert [(t["url"], t["reason"]) for t in data["removed"]["items"]] == [
        ("/health-articles/immunotherapy-for-multiple-myeloma/", "MOVED")
    ]


def test_renaming_the_index_moves_every_article(
    graphql, seed_article, django_capture_on_commit_callbacks
):
    index = ArticleIndexPage.objects.get()
    old_published = ArticlePage.objects.get(pk=seed_article.pk).last_published_at
    since = timezone.now()
    index.slug = "library"
    with django_capture_on_commit_callbacks(execute=True):
        index.save_revision().publish()

    assert ArticlePage.objects.get(pk=seed_article.pk).last_published_at == old_published
    data = changes(graphql, since)
    assert [item["url"] for item in data["changed"]["items"]] == [
        "/library/immunotherapy-for-multiple-myeloma/"
    ]
    assert [(t["url"], t["reason"]) for t in data["removed"]["items"]] == [
        ("/health-articles/immunotherapy-for-multiple-myeloma/", "MOVED")
    ]


def test_moving_a_tree_moves_its_articles(graphql, seed_article):
    home = Page.objects.get(pk=ArticleIndexPage.objects.get().get_parent().pk)
    folder = home.add_child(instance=Page(title="Archive", slug="archive"))
    since = timezone.now()
    ArticleIndexPage.objects.get().move(folder, pos="last-child")

    data = changes(graphql, since)
    assert [item["url"] for item in data["changed"]["items"]] == [
        "/archive/health-articles/immunotherapy-for-multiple-myeloma/"
    ]
    assert [t["url"] for t in data["removed"]["items"]] == [
        "/health-articles/immunotherapy-for-multiple-myeloma/"
    ]


def test_both_lists_paginate_with_totals(graphql, demo_content):
    since = timezone.now()
    articles = [make_article(f"Article {n}") for n in range(3)]
    for article in articles[:2]:
        article.unpublish()
    first = changes(graphql, since, perPage=1)
    assert first["changed"]["pagination"] == {
        "total": 1,
        "count": 1,
        "currentPage": 1,
        "nextPage": None,
        "totalPages": 1,
    }
    assert first["removed"]["pagination"]["total"] == 2
    assert first["removed"]["pagination"]["nextPage"] == 2
    second = changes(graphql, since, perPage=1, page=2)
    assert second["changed"]["items"] == []
    assert [t["slug"] for t in first["removed"]["items"] + second["removed"]["items"]] == [
        articles[0].slug,
        articles[1].slug,
    ]
    response = graphql.post(CHANGES, {"page": 0})
    assert response.json()["errors"][0]["message"] == "page must be 1 or more; got 0."


SYNC_EVERYTHING = """query($since: DateTime) { articleChanges(since: $since, perPage: 100) {
  changed { items { id title condition { name } sources { name url } disclaimer { body }
                    reviewer { name }
                    body { __typename ... on SectionBlock { heading } } }
            pagination { total } }
  removed { items { articleId url } pagination { total } } } }"""


def sync_queries(graphql, since):
    with CaptureQueriesContext(connection) as captured:
        data = graphql.execute(SYNC_EVERYTHING, {"since": since.isoformat()})
    return len(captured), data["articleChanges"]


def test_query_count_does_not_grow_with_articles(graphql, demo_content):
    since = timezone.now()
    make_article("Article 0")
    make_article("Gone 0").unpublish()
    one, data = sync_queries(graphql, since)
    assert data["changed"]["pagination"]["total"] == 1
    for n in range(1, 10):
        make_article(f"Article {n}")
        make_article(f"Gone {n}").unpublish()
    ten, data = sync_queries(graphql, since)
    assert data["changed"]["pagination"]["total"] == 10
    assert data["removed"]["pagination"]["total"] == 10
    assert ten == one
    assert one <= 12
