"""One rule decides which disclaimer an article serves; the API and webhooks apply the same one.

An article serves its own disclaimer when that is published and not expired, else the
published default. A disclaimer event's ``affectedArticleIds`` must be exactly the live
articles the API shows that disclaimer with, or frontends refresh the wrong pages.
"""

import datetime
import json

import pytest
from django.utils import timezone

from articles.models import ArticlePage, Disclaimer
from tests.factories import make_article
from webhooks.models import WebhookDelivery, WebhookEndpoint

QUERY = "{ articles(perPage: 100) { items { id disclaimer { title } } } }"


def publish_disclaimer(title):
    disclaimer = Disclaimer.objects.create(title=title, body=f"<p>{title}.</p>", live=False)
    disclaimer.save_revision().publish()
    disclaimer.refresh_from_db()
    return disclaimer


def served_titles(graphql):
    """Article id -> title of the disclaimer the API serves with it."""
    items = graphql.execute(QUERY)["articles"]["items"]
    return {int(item["id"]): item["disclaimer"]["title"] for item in items}


def affected_article_ids(disclaimer):
    """Publish a new revision of ``disclaimer``; the ids its webhook event lists."""
    WebhookDelivery.objects.all().delete()
    disclaimer.save_revision().publish()
    [delivery] = WebhookDelivery.objects.all()
    event = json.loads(delivery.body)
    assert event["type"] == "disclaimer.published"
    return set(event["affectedArticleIds"])


@pytest.fixture
def articles_with_every_kind_of_disclaimer(seed_article):
    """The seed article (default disclaimer), and one each citing a published, an expired
    (still ``live``: ``publish_scheduled`` has not run yet) and an unpublished disclaimer."""
    WebhookEndpoint.objects.create(name="frontend", url="http://127.0.0.1:9/", secret="s")
    expired = publish_disclaimer("Expired")
    Disclaimer.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    unpublished = Disclaimer.objects.create(title="Unpublished", body="<p>Draft.</p>", live=False)
    return {
        "default": seed_article,
        "own": make_article("Own disclaimer", disclaimer=publish_disclaimer("Own")),
        "expired": make_article("Expired disclaimer", disclaimer=expired),
        "unpublished": make_article("Unpublished disclaimer", disclaimer=unpublished),
    }


def test_an_expired_or_unpublished_disclaimer_falls_back_to_the_default(
    graphql, articles_with_every_kind_of_disclaimer
):
    articles = articles_with_every_kind_of_disclaimer
    served = served_titles(graphql)
    default_title = Disclaimer.objects.get(is_default=True).title
    assert served == {
        articles["default"].pk: default_title,
        articles["own"].pk: "Own",
        articles["expired"].pk: default_title,
        articles["unpublished"].pk: default_title,
    }


@pytest.mark.parametrize("title", ["Medical disclaimer", "Own"])
def test_webhook_affected_articles_are_those_the_api_serves_the_disclaimer_with(
    graphql, articles_with_every_kind_of_disclaimer, title
):
    disclaimer = Disclaimer.objects.get(title=title)
    served = served_titles(graphql)
    assert affected_article_ids(disclaimer) == {
        article_id for article_id, served_title in served.items() if served_title == title
    }


def test_the_rule_in_sql_matches_the_rule_in_python(articles_with_every_kind_of_disclaimer):
    articles = ArticlePage.objects.live().select_related("disclaimer")
    for disclaimer in Disclaimer.objects.filter(live=True, expire_at__isnull=True):
        in_sql = set(ArticlePage.objects.live().showing_disclaimer(disclaimer))
        in_python = {article for article in articles if article.published_disclaimer == disclaimer}
        assert in_sql == in_python, disclaimer
