"""``ArticlePage.structuredData``: schema.org MedicalWebPage JSON-LD, over HTTP as apps read it.

Its vocabulary is checked against schema.org's type definitions in
``test_structured_data_vocabulary.py`` (Node, ``schema-dts``).
"""

import json

import pytest
from django.conf import settings
from django.test import override_settings
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, Site

from articles.demo.seed import load_seed_article
from articles.models import ArticlePage, PublisherSettings, TrustedSource

from .factories import ARTICLE_SLUG, ARTICLE_TITLE, published

pytestmark = pytest.mark.django_db

STRUCTURED = """query($slug: String!) { article(slug: $slug) { structuredData } }"""


def structured_data(graphql, slug=ARTICLE_SLUG):
    return json.loads(graphql.execute(STRUCTURED, {"slug": slug})["article"]["structuredData"])


def set_publisher(**fields):
    return PublisherSettings.objects.update_or_create(site=Site.objects.get(), defaults=fields)[0]


def logo(collection=None):
    extra = {"collection": collection} if collection else {}
    return Image.objects.create(title="Logo", file=get_test_image_file(size=(300, 100)), **extra)


def test_the_seed_article_as_a_medical_web_page(graphql, seed_file_article):
    set_publisher(name="Myeloma Help", url="https://myeloma-help.example.org", logo=logo())
    with override_settings(FRONTEND_BASE_URL="https://read.example.org"):
        document = structured_data(graphql)

    article = ArticlePage.objects.get(pk=seed_file_article.pk)
    publisher = {
        "@type": "Organization",
        "name": "Myeloma Help",
        "url": "https://myeloma-help.example.org",
        "logo": {
            "@type": "ImageObject",
            "url": document["publisher"]["logo"]["url"],
            "width": {"@type": "QuantitativeValue", "value": 300, "unitCode": "E37"},
            "height": {"@type": "QuantitativeValue", "value": 100, "unitCode": "E37"},
        },
    }
    assert document["publisher"]["logo"]["url"].startswith("http://testserver/media/images/")
    assert document == {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": "Immunotherapy for Multiple Myeloma",
        "description": article.summary,
        "url": "https://read.example.org/health-articles/immunotherapy-for-multiple-myeloma/",
        "inLanguage": "en",
        "datePublished": article.first_published_at.isoformat(),
        "dateModified": article.last_published_at.isoformat(),
        "lastReviewed": article.last_reviewed.isoformat(),
        "reviewedBy": {"@type": "Person", "name": "Dr Riley Reviewer"},
        "publisher": publisher,
        "about": {
            "@type": "MedicalCondition",
            "name": article.condition.name,
            "description": article.condition.description,
        },
        "citation": [
            {"@type": "CreativeWork", "name": source.name, "url": source.url}
            for source in article.ordered_sources
        ],
        "hasPart": {
            "@type": "WebPageElement",
            "name": article.disclaimer.title,
            "text": document["hasPart"]["text"],
        },
    }
    assert len(document["citation"]) == 2
    assert document["hasPart"]["text"] == load_seed_article().disclaimer


def test_defaults_without_publisher_settings_or_reviewer(graphql, seed_article):
    site = Site.objects.get()
    document = structured_data(graphql)
    organization = {"@type": "Organization", "name": site.site_name, "url": "http://testserver"}
    assert document["publisher"] == organization
    # No reviewer credited: the publisher stands behind the review.
    assert document["reviewedBy"] == organization
    # No FRONTEND_BASE_URL: the page's address on its site.
    assert (
        document["url"] == "http://localhost/health-articles/immunotherapy-for-multiple-myeloma/"
    )
    uncached = {**settings.GRAPHQL_RESPONSE_CACHE, "ENABLED": False}
    with override_settings(
        FRONTEND_BASE_URL="https://read.example.org", GRAPHQL_RESPONSE_CACHE=uncached
    ):
        assert structured_data(graphql)["publisher"]["url"] == "https://read.example.org"


def test_only_the_published_version_is_described(graphql, seed_article):
    draft = seed_article.get_latest_revision_as_object()
    draft.title = "Unreviewed title"
    draft.summary = "Unreviewed summary."
    draft.save_revision()
    source = TrustedSource.objects.get(name="National Institutes of Health")
    source.name = "Renamed in a draft"
    source.save_revision()

    document = structured_data(graphql)
    assert document["name"] == ARTICLE_TITLE
    assert document["description"].startswith("How immunotherapy treats")
    assert [c["name"] for c in document["citation"]] == [
        "American Cancer Society",
        "National Institutes of Health",
    ]


def test_unpublished_condition_and_sources_are_left_out(graphql, seed_article):
    seed_article.condition.unpublish()
    for source in TrustedSource.objects.all():
        source.unpublish()
    document = structured_data(graphql)
    assert "about" not in document
    assert "citation" not in document


def test_a_logo_in_a_private_collection_is_left_out(graphql, seed_article):
    private = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    set_publisher(name="Myeloma Help", logo=logo(collection=private))
    assert structured_data(graphql)["publisher"] == {
        "@type": "Organization",
        "name": "Myeloma Help",
        "url": "http://testserver",
    }


def test_changing_the_publisher_refreshes_cached_responses(graphql, seed_article):
    assert structured_data(graphql)["publisher"]["name"] == Site.objects.get().site_name
    setting = set_publisher(name="First name")
    assert structured_data(graphql)["publisher"]["name"] == "First name"
    setting.name = "Second name"
    setting.save()
    assert structured_data(graphql)["publisher"]["name"] == "Second name"


def test_text_that_could_close_the_script_element_is_escaped(graphql, seed_article):
    seed_article.title = "Myeloma </script><script>alert(1)</script> & more"
    published(seed_article)
    raw = graphql.execute(STRUCTURED, {"slug": ARTICLE_SLUG})["article"]["structuredData"]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw)["name"] == seed_article.title


def test_publisher_settings_are_not_served_on_their_own(graphql, seed_article):
    """Grapple would add ``setting``/``settings`` root fields and ``Site.publishersettings``:
    every site's rows, with whatever image they point to. Apps read the publisher inside
    ``structuredData`` only."""
    set_publisher(name="Myeloma Help")
    for query in (
        "{ settings { __typename } }",
        '{ setting(name: "publishersettings") { __typename } }',
        "{ sites { publishersettings { id } } }",
    ):
        response = graphql.post(query)
        assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    types = graphql.execute('{ __type(name: "PublisherSettings") { name } }')
    assert types["__type"] is None
