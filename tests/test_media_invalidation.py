"""Cached media listings go stale the moment what they may show changes: collections,
collection privacy, documents and images (changed, deleted, first used by published
content). Media reach the listings only through a published article that uses them."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from .factories import use_in_published_article

pytestmark = pytest.mark.django_db

DOCUMENTS = "{ documents { id title } }"
IMAGES = "{ images { id title } }"
COLLECTIONS = "{ collections { id name } }"


def cached(graphql, query):
    """The query's data, asserting the second ask was answered from the cache."""
    first = graphql.post(query)
    second = graphql.post(query)
    assert second["X-Cache"] == "hit", "the listing is not cached: the test proves nothing"
    assert first.content == second.content
    return first.json()["data"]


def fresh(graphql, query):
    response = graphql.post(query)
    assert response["X-Cache"] == "miss"
    return response.json()["data"]


@pytest.fixture
def collection(demo_content):
    return Collection.get_first_root_node().add_child(name="Leaflets")


@pytest.fixture
def document(collection):
    document = get_document_model()(title="Dosage leaflet", collection=collection)
    document.file.save("leaflet.txt", ContentFile(b"text"), save=False)
    document.save()
    use_in_published_article(document, title="Leaflet article")
    return document


@pytest.fixture
def image(collection):
    image = get_image_model().objects.create(
        title="Infusion chair", collection=collection, file=get_test_image_file()
    )
    use_in_published_article(image, title="Picture article")
    return image


def titles(data, field):
    return [item["title"] for item in data[field]]


def test_a_collection_view_restriction_withdraws_its_documents_and_images(
    graphql, collection, document, image
):
    assert titles(cached(graphql, DOCUMENTS), "documents") == ["Dosage leaflet"]
    assert titles(cached(graphql, IMAGES), "images") == ["Infusion chair"]
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert titles(fresh(graphql, DOCUMENTS), "documents") == []
    assert titles(fresh(graphql, IMAGES), "images") == []
    cached(graphql, DOCUMENTS)
    restriction.delete()
    assert titles(fresh(graphql, DOCUMENTS), "documents") == ["Dosage leaflet"]


def test_a_restriction_on_a_parent_collection_counts_too(graphql, collection, document):
    child = collection.add_child(name="Private leaflets")
    document.collection = child
    document.save()
    assert titles(cached(graphql, DOCUMENTS), "documents") == ["Dosage leaflet"]
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert titles(fresh(graphql, DOCUMENTS), "documents") == []


def test_documents_used_changed_and_deleted(graphql, document, collection):
    cached(graphql, DOCUMENTS)
    other = get_document_model()(title="Second leaflet", collection=collection)
    other.file.save("second.txt", ContentFile(b"text"), save=False)
    other.save()
    assert titles(cached(graphql, DOCUMENTS), "documents") == ["Dosage leaflet"]  # unused
    use_in_published_article(other, title="Second leaflet article")
    assert sorted(titles(fresh(graphql, DOCUMENTS), "documents")) == [
        "Dosage leaflet",
        "Second leaflet",
    ]
    cached(graphql, DOCUMENTS)
    document.title = "Dosing leaflet"
    document.save()
    assert "Dosing leaflet" in titles(fresh(graphql, DOCUMENTS), "documents")
    cached(graphql, DOCUMENTS)
    other.delete()
    assert titles(fresh(graphql, DOCUMENTS), "documents") == ["Dosing leaflet"]


def test_images_created_changed_and_deleted(graphql, image, collection):
    cached(graphql, IMAGES)
    image.title = "Infusion room"
    image.save()
    assert titles(fresh(graphql, IMAGES), "images") == ["Infusion room"]
    cached(graphql, IMAGES)
    image.delete()
    assert titles(fresh(graphql, IMAGES), "images") == []


def test_collections_created_renamed_and_moved_into_a_private_one(graphql, collection):
    assert "Leaflets" in [c["name"] for c in cached(graphql, COLLECTIONS)["collections"]]
    collection.name = "Patient leaflets"
    collection.save()
    names = [c["name"] for c in fresh(graphql, COLLECTIONS)["collections"]]
    assert "Patient leaflets" in names
    cached(graphql, COLLECTIONS)
    collection.add_child(name="Posters")
    assert "Posters" in [c["name"] for c in fresh(graphql, COLLECTIONS)["collections"]]
