"""The dependency index: ``articleChanges`` reports articles changed through what they show."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from articles.dependencies import articles_showing, record_change
from articles.models import (
    ArticleDependency,
    ArticleIndexPage,
    ArticlePage,
    ArticleSource,
    Condition,
    DependencyKind,
    Disclaimer,
    TrustedSource,
)
from webhooks.models import WebhookDelivery

from .factories import make_article, publish_condition

pytestmark = pytest.mark.django_db

CHANGES = """query($since: DateTime) {
  articleChanges(since: $since, perPage: 100) {
    changed { items { id slug } reasons { articleId kind id at } }
  }
}"""


def changes(graphql, since):
    data = graphql.execute(CHANGES, {"since": since.isoformat()})["articleChanges"]["changed"]
    return {
        (int(reason["articleId"]), reason["kind"], reason["id"] and int(reason["id"]))
        for reason in data["reasons"]
    }, {int(item["id"]) for item in data["items"]}


def link_to(page):
    return f'<p>See <a linktype="page" id="{page.pk}">{page.title}</a>.</p>'


@pytest.fixture
def linked(demo_content):
    """``target`` and ``linking``, an article whose intro links to it, both live."""
    target = make_article("Target article", slug="target")
    linking = make_article("Linking article", slug="linking", intro=link_to(target))
    return target, linking


def test_publishing_indexes_what_an_article_shows(linked):
    target, linking = linked
    rows = set(ArticleDependency.objects.filter(article=linking).values_list("kind", "target_id"))
    assert rows == {
        ("page", target.pk),
        ("disclaimer", linking.disclaimer_id),
        ("condition", linking.condition_id),
    }


def test_unpublishing_removes_the_article_from_the_index(linked):
    _target, linking = linked
    linking.unpublish()
    assert not ArticleDependency.objects.filter(article=linking).exists()
    linking.save_revision().publish()
    assert ArticleDependency.objects.filter(article=linking).count() == 3


def test_a_renamed_linked_page(graphql, linked, django_capture_on_commit_callbacks):
    target, linking = linked
    since = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        target.slug = "target-renamed"
        target.save_revision().publish()
    reasons, ids = changes(graphql, since)
    assert ids == {target.pk, linking.pk}
    assert (linking.pk, "PAGE", target.pk) in reasons
    assert {(target.pk, "PUBLISHED", None), (target.pk, "MOVED", None)} <= reasons
    page = graphql.execute("query($id: ID) { article(id: $id) { intro } }", {"id": linking.pk})[
        "article"
    ]
    assert 'href="/health-articles/target-renamed/"' in page["intro"]


def test_a_moved_linked_page(graphql, linked):
    target, linking = linked
    other = (
        ArticleIndexPage.objects.get()
        .get_parent()
        .add_child(instance=ArticleIndexPage(title="Archive", slug="archive"))
    )
    since = timezone.now()
    ArticlePage.objects.get(pk=target.pk).move(other, pos="last-child")
    reasons, ids = changes(graphql, since)
    assert (linking.pk, "PAGE", target.pk) in reasons


def test_an_unpublished_linked_page(graphql, linked):
    target, linking = linked
    since = timezone.now()
    target.unpublish()
    reasons, ids = changes(graphql, since)
    assert ids == {linking.pk}
    assert reasons == {(linking.pk, "PAGE", target.pk)}


def test_a_published_disclaimer(graphql, demo_content):
    own = Disclaimer.objects.create(title="Own", body="<p>Own.</p>", live=False)
    own.save_revision().publish()
    shows_it = make_article("Shows it", disclaimer=own)
    make_article("Shows the default")
    since = timezone.now()
    own.body = "<p>Own, reworded.</p>"
    own.save_revision().publish()
    reasons, ids = changes(graphql, since)
    assert ids == {shows_it.pk}
    assert reasons == {(shows_it.pk, "DISCLAIMER", own.pk)}


def test_an_unpublished_disclaimer_falls_back_to_the_default(graphql, demo_content):
    own = Disclaimer.objects.create(title="Own", body="<p>Own.</p>", live=False)
    own.save_revision().publish()
    article = make_article("Shows it", disclaimer=own)
    since = timezone.now()
    own.refresh_from_db()
    own.unpublish()
    assert changes(graphql, since)[0] == {(article.pk, "DISCLAIMER", own.pk)}
    # It now shows the default: the default's next edit reports it too.
    default = Disclaimer.objects.get(is_default=True)
    since = timezone.now()
    default.save_revision().publish()
    assert (article.pk, "DISCLAIMER", default.pk) in changes(graphql, since)[0]


def test_a_published_condition(graphql, demo_content):
    condition = publish_condition("Lymphoma", "lymphoma")
    about_it = make_article("About lymphoma", condition=condition)
    make_article("About something else")
    since = timezone.now()
    condition.description = "Cancers of the lymphatic system."
    condition.save_revision().publish()
    reasons, ids = changes(graphql, since)
    assert ids == {about_it.pk}
    assert reasons == {(about_it.pk, "CONDITION", condition.pk)}


def test_a_republished_source(graphql, demo_content):
    source = TrustedSource.objects.create(name="Registry", url="https://registry.example.org/")
    article = make_article("Cites it", publish=False)
    article.source_links = [ArticleSource(source=source)]
    article.save_revision().publish()
    make_article("Cites nothing")
    since = timezone.now()
    source.url = "https://registry.example.org/new/"
    source.save_revision().publish()  # sources change only through a published revision
    reasons, ids = changes(graphql, since)
    assert reasons == {(article.pk, "SOURCE", source.pk)}


def test_a_replaced_image(graphql, demo_content):
    image = Image.objects.create(title="Infusion", file=get_test_image_file(size=(640, 480)))
    article = make_article(
        "Illustrated", hero_image=image, hero_image_alt="A nurse sets up an infusion."
    )
    make_article("Not illustrated")
    since = timezone.now()
    image.file = get_test_image_file(filename="new.png", size=(800, 600))
    image.save()
    reasons, ids = changes(graphql, since)
    assert ids == {article.pk}
    assert reasons == {(article.pk, "IMAGE", image.pk)}


def test_a_replaced_document(graphql, demo_content):
    from django.core.files.base import ContentFile

    document = Document.objects.create(title="Leaflet", file=ContentFile(b"v1", name="a.txt"))
    intro = f'<p><a linktype="document" id="{document.pk}">Leaflet</a></p>'
    article = make_article("Links a leaflet", intro=intro)
    since = timezone.now()
    document.file = ContentFile(b"v2", name="b.txt")
    document.save()
    assert changes(graphql, since)[0] == {(article.pk, "DOCUMENT", document.pk)}


def test_recording_a_change_costs_the_same_for_any_number_of_articles(demo_content):
    condition = Condition.objects.get(slug="multiple-myeloma")

    def cost():
        with CaptureQueriesContext(connection) as captured:
            affected = record_change(DependencyKind.CONDITION, [condition.pk])
        return len(captured), affected

    make_article("One")
    one, affected = cost()
    assert len(affected) == 2  # with the demo article
    for n in range(8):
        make_article(f"More {n}")
    ten, affected = cost()
    assert len(affected) == 10
    assert ten == one <= 2


def test_sync_with_reasons_costs_the_same_for_any_number_of_articles(graphql, linked):
    target, _linking = linked

    def cost(since):
        with CaptureQueriesContext(connection) as captured:
            reasons, ids = changes(graphql, since)
        return len(captured), ids

    since = timezone.now()
    target.save_revision().publish()
    one, ids = cost(since)
    assert len(ids) == 2
    for n in range(5):
        make_article(f"Also linking {n}", intro=link_to(target))
    since = timezone.now()
    target.save_revision().publish()
    six, ids = cost(since)
    assert len(ids) == 7  # the target and the six articles linking to it
    assert six == one


def test_webhook_events_list_the_articles_sync_reports(graphql, linked, settings):
    settings.WEBHOOK_ENDPOINTS = [
        {"name": "site", "url": "https://hooks.example.org/", "secret": "s" * 32}
    ]
    target, linking = linked
    default = Disclaimer.objects.get(is_default=True)
    since = timezone.now()
    default.save_revision().publish()
    target.unpublish()
    events = {
        body["type"]: body["affectedArticleIds"]
        for body in (json.loads(d.body) for d in WebhookDelivery.objects.all())
    }
    reasons, _ids = changes(graphql, since)
    # The target was live when the disclaimer was published; sync no longer serves it.
    assert events["disclaimer.published"] == sorted(
        [target.pk, *(article for article, kind, _id in reasons if kind == "DISCLAIMER")]
    )
    assert articles_showing("disclaimer", [default.pk]) == sorted(
        set(events["disclaimer.published"]) - {target.pk}
    )
    assert set(events["article.unpublished"]) == {target.pk, linking.pk}
