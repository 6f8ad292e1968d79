"""The API's surface: no draft or internal fields, clean errors for bad arguments."""

import pytest
from graphql import GraphQLInterfaceType, GraphQLObjectType
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from delivery.schema import INTERNAL_PAGE_FIELDS, schema

from .factories import use_in_published_article

pytestmark = pytest.mark.django_db

# Names of Django fields that must never appear in an error message.
MODEL_FIELD_NAMES = ("draft_title", "latest_revision", "has_unpublished_changes", "path")


def error_messages(response):
    payload = response.json()
    assert "errors" in payload, payload
    return [error["message"] for error in payload["errors"]]


def test_no_type_exposes_draft_state_or_internal_fields():
    hidden = INTERNAL_PAGE_FIELDS | {"rawValue", "rootPage", "numchild"}
    exposed = {
        f"{named.name}.{field}"
        for named in schema.graphql_schema.type_map.values()
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
        and not named.name.startswith("__")
        for field in named.fields
        if field in hidden
    }
    assert exposed == set()


def test_the_api_is_read_only():
    assert schema.graphql_schema.mutation_type is None
    assert schema.graphql_schema.subscription_type is None


def test_unused_root_fields_are_removed():
    root_fields = schema.graphql_schema.query_type.fields
    assert "tags" not in root_fields and "tag" not in root_fields


@pytest.mark.parametrize(
    "query",
    [
        '{ pages(order: "draft_title") { id } }',
        '{ pages(order: "title, -latest_revision_created_at") { id } }',
        '{ pages(order: "nonexistent") { id } }',
        '{ page(slug: "health-articles") { children(order: "path") { id } } }',
        '{ images(order: "file_hash") { id } }',
        '{ collections(order: "path") { id } }',
    ],
)
def test_unknown_order_is_a_clean_error(graphql, demo_content, query):
    (message,) = error_messages(graphql.post(query))
    assert message.startswith("Unknown order")
    assert "order by" in message
    assert not any(name in message.split("order by")[1] for name in MODEL_FIELD_NAMES)


def test_documented_orders_work(graphql, seed_article):
    data = graphql.execute(
        """{ asc: pages(order: "title") { title }
             desc: pages(order: "-last_published_at, id") { title } }"""
    )
    titles = [page["title"] for page in data["asc"]]
    assert titles == sorted(titles)
    assert data["desc"][0]["title"] == "Immunotherapy for Multiple Myeloma"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('{ pages(contentType: "articles") { id } }', "contentType must be app_label.Model"),
        ('{ sites(searchQuery: "x") { hostname } }', "searchQuery is not supported"),
    ],
)
def test_bad_arguments_get_clear_errors(graphql, demo_content, query, expected):
    (message,) = error_messages(graphql.post(query))
    assert message.startswith(expected)


def test_malformed_ids_find_nothing(graphql, demo_content):
    data = graphql.execute(
        """{ page(id: "abc") { id } pages(id: "1 OR 1=1") { id } image(id: "x") { id }
             document(id: "x") { id } pagesUnder: pages(parent: "x") { id } }"""
    )
    assert data == {
        "page": None,
        "pages": [],
        "image": None,
        "document": None,
        "pagesUnder": [],
    }


def test_rendition_filters_are_limited_to_the_allow_list(graphql, demo_content):
    image = Image.objects.create(title="Diagram", file=get_test_image_file())
    use_in_published_article(image)
    query = "query($id: ID) { image(id: $id) { rendition(%s) { width } } }"
    data = graphql.execute(query % "width: 400", {"id": image.pk})
    assert data["image"]["rendition"] == {"width": 400}

    response = graphql.post(query % "width: 4000", {"id": image.pk})
    (message,) = error_messages(response)
    assert message.startswith("Rendition filter 'width-4000' is not allowed. Allowed: width-400")


def test_publication_dates_are_served(graphql, seed_article):
    """``lastPublishedAt`` describes the live version: apps and builds sync on it."""
    page = graphql.execute(
        "query($id: ID) { page(id: $id) { firstPublishedAt lastPublishedAt } }",
        {"id": seed_article.pk},
    )["page"]
    assert page["lastPublishedAt"] == seed_article.last_published_at.isoformat()


def test_chooser_blocks_resolve_only_servable_content(seed_article):
    """Grapple's generic chooser block types, for StreamFields that use them."""
    from types import SimpleNamespace

    from articles.models import Condition
    from delivery.schema import SAFE_RESOLVERS

    from .factories import make_article

    draft = make_article("Chosen draft", publish=False)
    draft_condition = Condition.objects.create(name="Draft", slug="draft", live=False)
    live_condition = Condition.objects.get(slug="multiple-myeloma")
    chosen_page = SAFE_RESOLVERS[("PageChooserBlock", "page")]
    chosen_snippet = SAFE_RESOLVERS[("SnippetChooserBlock", "snippet")]
    assert chosen_page(SimpleNamespace(value=draft), None) is None
    assert chosen_page(SimpleNamespace(value=seed_article), None) == seed_article
    assert chosen_snippet(SimpleNamespace(value=draft_condition), None) is None
    assert chosen_snippet(SimpleNamespace(value=live_condition), None) == live_condition
    field = schema.graphql_schema.type_map["PageChooserBlock"].fields["page"]
    assert field.resolve is chosen_page
