"""Go-live and expiry dates set in the admin, honoured by the workflow, by Wagtail's
``publish_scheduled`` command and so by GraphQL."""

import datetime
import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import ArticlePage

from .admin_forms import article_form

pytestmark = pytest.mark.django_db

QUERY = """query($slug: String!) {
  article(slug: $slug) { title }
  articles { items { slug } }
  page(slug: $slug) { title }
}"""
HOUR = datetime.timedelta(hours=1)


def visible(graphql, slug):
    data = graphql.execute(QUERY, {"slug": slug})
    in_listing = slug in [item["slug"] for item in data["articles"]["items"]]
    assert (data["article"] is not None) == in_listing == (data["page"] is not None)
    return in_listing


def admin_datetime(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def publish_scheduled_at(moment):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        call_command("publish_scheduled", stdout=io.StringIO())


def submit_new_article(editor, seed_article, slug, **dates):
    data = article_form(
        seed_article,
        title=f"Article {slug}",
        slug=slug,
        **{name: admin_datetime(moment) for name, moment in dates.items()},
    )
    data["action-submit"] = "action-submit"
    index = seed_article.get_parent()
    response = editor.post(f"/admin/pages/add/articles/articlepage/{index.pk}/", data)
    assert response.status_code == 302, response.content[:3000]
    return ArticlePage.objects.get(slug=slug)


def approve_all(login, article):
    for username in ("publisher", "reviewer"):
        state = ArticlePage.objects.get(pk=article.pk).current_workflow_state
        url = f"/admin/pages/workflow/action/{article.pk}/approve/{state.current_task_state.pk}/"
        assert login(username).post(url, {"comment": ""}).status_code == 302


def test_an_approved_article_with_a_future_go_live_waits_for_it(login, seed_article, graphql):
    go_live = timezone.now().replace(second=0, microsecond=0) + 2 * HOUR
    article = submit_new_article(login("editor"), seed_article, "scheduled", go_live_at=go_live)
    approve_all(login, article)

    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    assert article.get_latest_revision().approved_go_live_at == go_live
    assert not visible(graphql, "scheduled")

    publish_scheduled_at(go_live - HOUR)
    assert not visible(graphql, "scheduled")
    publish_scheduled_at(go_live + HOUR)
    assert visible(graphql, "scheduled")
    assert ArticlePage.objects.get(pk=article.pk).last_reviewed == timezone.localdate()


def test_an_expired_article_disappears(login, seed_article, graphql):
    expire = timezone.now().replace(second=0, microsecond=0) + 2 * HOUR
    article = submit_new_article(login("editor"), seed_article, "expiring", expire_at=expire)
    approve_all(login, article)
    assert visible(graphql, "expiring")

    publish_scheduled_at(expire - HOUR)
    assert visible(graphql, "expiring")
    publish_scheduled_at(expire + HOUR)
    assert not visible(graphql, "expiring")
    assert ArticlePage.objects.get(pk=article.pk).expired
