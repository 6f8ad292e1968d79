"""The seed article over HTTP, as a mobile app or a static build reads it."""

import html
import re

import pytest
from django.test import override_settings

from articles.demo.seed import load_seed_article

from .factories import use_in_published_article

pytestmark = pytest.mark.django_db


FULL_ARTICLE = """
query Article($slug: String!) {
  article(slug: $slug) {
    id title subtitle summary intro url
    condition { name slug description }
    lastReviewed nextReviewDue reviewer { name }
    sources { name url }
    disclaimer { title body }
    body {
      __typename
      ... on SectionBlock { id heading body subsections { id heading body } }
      ... on ComparisonTableBlock {
        id caption rows { id treatmentType mechanism administration commonSideEffects }
      }
    }
  }
}
"""
SLUG = "immunotherapy-for-multiple-myeloma"


def text_of(fragment):
    """Visible text of an HTML fragment, one string per paragraph."""
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", fragment, flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in paragraphs]


def test_every_field_and_block_of_the_seed_article(graphql, seed_file_article):
    article = graphql.execute(FULL_ARTICLE, {"slug": SLUG})["article"]

    assert article["id"] == str(seed_file_article.pk)
    assert article["title"] == "Immunotherapy for Multiple Myeloma"
    assert article["subtitle"] == "A Breakthrough in Modern Treatment Approaches"
    assert article["summary"].startswith("How immunotherapy treats multiple myeloma")
    assert article["url"] == "/health-articles/immunotherapy-for-multiple-myeloma/"
    assert article["condition"]["slug"] == "multiple-myeloma"
    assert article["lastReviewed"] == seed_file_article.last_reviewed.isoformat()
    assert article["nextReviewDue"] == seed_file_article.next_review_due.isoformat()
    assert article["reviewer"] == {"name": "Dr Riley Reviewer"}  # the demo reviewer
    assert [s["name"] for s in article["sources"]] == [
        "American Cancer Society",
        "National Institutes of Health",
    ]
    assert all(s["url"].startswith("https://") for s in article["sources"])
    assert article["disclaimer"]["title"] == "Medical disclaimer"

    types = [block["__typename"] for block in article["body"]]
    assert types == ["SectionBlock", "ComparisonTableBlock", "SectionBlock", "SectionBlock"]
    types_section = article["body"][0]
    assert types_section["heading"] == "Types of Immunotherapy for Multiple Myeloma"
    assert [s["heading"] for s in types_section["subsections"]] == [
        "Cell-Based Therapies",
        "Protein-Based Therapies",
        "Combination Approaches",
    ]
    assert all(s["id"] for s in types_section["subsections"])

    table = article["body"][1]
    assert table["caption"] == "Comparison of Immunotherapy Options"
    assert [{key: row[key] for key in row if key != "id"} for row in table["rows"]] == [
        {
            "treatmentType": "Cell-Based Therapy",
            "mechanism": "Modifies immune cells to target affected cells",
            "administration": "Intravenous infusion",
            "commonSideEffects": "Mild fever, fatigue",
        },
        {
            "treatmentType": "Protein-Based Therapy",
            "mechanism": "Uses specialized proteins to mark cells for destruction",
            "administration": "Intravenous or subcutaneous",
            "commonSideEffects": "Mild allergic reactions",
        },
        {
            "treatmentType": "Combination Therapy",
            "mechanism": "Integrates multiple treatment methods",
            "administration": "Varies based on components",
            "commonSideEffects": "Depends on included therapies",
        },
    ]


def test_seed_round_trip_every_paragraph_verbatim(graphql, seed_file_article):
    """Each paragraph, heading and table cell of the seed file is served word for word."""
    article = graphql.execute(FULL_ARTICLE, {"slug": SLUG})["article"]
    served_paragraphs = text_of(article["intro"]) + text_of(article["disclaimer"]["body"])
    served_headings = {article["title"], article["subtitle"]}
    served_cells = []
    for block in article["body"]:
        if block["__typename"] == "SectionBlock":
            served_headings.add(block["heading"])
            served_paragraphs += text_of(block["body"])
            for subsection in block["subsections"]:
                served_headings.add(subsection["heading"])
                served_paragraphs += text_of(subsection["body"])
        else:
            served_headings.add(block["caption"])
            for row in block["rows"]:
                served_cells += [row[k] for k in row if k != "id"]

    seed = load_seed_article()
    assert list(seed.paragraphs())  # the seed parsed into something
    for paragraph in seed.paragraphs():
        assert paragraph in served_paragraphs
    assert len(served_paragraphs) == len(list(seed.paragraphs()))
    for block in seed.body:
        if hasattr(block, "rows"):
            assert served_cells == [cell for row in block.rows for cell in row]
            assert block.caption in served_headings
        else:
            assert block.heading in served_headings
            assert {sub.heading for sub in block.subsections} <= served_headings


def test_seed_file_lines_all_served(graphql, seed_file_article):
    """Independent of the parser: every non-table line of the raw file is in the response."""
    from articles.demo.seed import SEED_ARTICLE

    payload = graphql.post(FULL_ARTICLE, {"slug": SLUG}).content.decode()
    served = html.unescape(re.sub(r"<[^>]+>", "", payload.replace('\\"', '"')))
    title_line, *lines = SEED_ARTICLE.read_text(encoding="utf-8").splitlines()
    title, subtitle = title_line.split(": ")
    for line in [title, subtitle, *lines]:
        if line.strip() and not line.startswith("|"):
            assert line.strip() in served, line


def test_disclaimer_is_non_null_in_the_schema(graphql):
    data = graphql.execute(
        """{ __type(name: "ArticlePage") { fields { name type { kind name ofType { kind name } } } } }"""
    )
    fields = {f["name"]: f["type"] for f in data["__type"]["fields"]}
    assert fields["disclaimer"] == {
        "kind": "NON_NULL",
        "name": None,
        "ofType": {"kind": "OBJECT", "name": "Disclaimer"},
    }
    assert fields["body"]["kind"] == "NON_NULL"
    for name in ("subtitle", "intro", "summary", "sources", "lastReviewed", "reviewer"):
        assert name in fields
    for internal in ("draftTitle", "hasUnpublishedChanges", "latestRevisionCreatedAt", "live"):
        assert internal not in fields


def test_body_is_a_union_of_typed_blocks(graphql):
    data = graphql.execute(
        """{
          body: __type(name: "ArticleBodyBlock") { kind possibleTypes { name } }
          table: __type(name: "ComparisonTableBlock") { fields { name } }
          row: __type(name: "ComparisonRowBlock") {
            fields { name type { kind ofType { name } } }
          }
          section: __type(name: "SectionBlock") { fields { name } }
        }"""
    )
    assert data["body"]["kind"] == "UNION"
    assert {t["name"] for t in data["body"]["possibleTypes"]} == {
        "SectionBlock",
        "ComparisonTableBlock",
    }
    assert {"caption", "rows"} <= {f["name"] for f in data["table"]["fields"]}
    assert {"heading", "body", "subsections"} <= {f["name"] for f in data["section"]["fields"]}
    row_fields = {f["name"]: f["type"] for f in data["row"]["fields"]}
    for column in ("treatmentType", "mechanism", "administration", "commonSideEffects"):
        assert row_fields[column] == {"kind": "NON_NULL", "ofType": {"name": "String"}}


def test_get_queries_are_served(graphql, seed_file_article):
    response = graphql.get(
        "query($slug: String!) { article(slug: $slug) { title } }", {"slug": SLUG}
    )
    assert response.status_code == 200
    assert response.json()["data"]["article"]["title"] == seed_file_article.title


def test_grapple_page_entry_points(graphql, seed_file_article):
    query = """query($id: ID, $slug: String, $urlPath: String) {
      page(id: $id, slug: $slug, urlPath: $urlPath) {
        id title ... on ArticlePage { subtitle disclaimer { title } }
      }
    }"""
    for variables in (
        {"id": seed_file_article.pk},
        {"slug": SLUG},
        {"urlPath": "/health-articles/immunotherapy-for-multiple-myeloma/"},
    ):
        page = graphql.execute(query, variables)["page"]
        assert page["id"] == str(seed_file_article.pk), variables
        assert page["disclaimer"]["title"] == "Medical disclaimer"

    pages = graphql.execute('{ pages(contentType: "articles.ArticlePage") { id } }')["pages"]
    translation = seed_file_article.get_translations().get()  # the Spanish demo translation
    assert sorted(page["id"] for page in pages) == sorted(
        [str(seed_file_article.pk), str(translation.pk)]
    )


def test_snippets_and_conditions(graphql, seed_file_site):
    data = graphql.execute(
        """{ snippets { __typename ... on Condition { slug } ... on TrustedSource { name } }
             conditions { name slug } }"""
    )
    assert {s["__typename"] for s in data["snippets"]} == {
        "Condition",
        "Disclaimer",
        "TrustedSource",
    }
    english = {"name": "Multiple myeloma", "slug": "multiple-myeloma"}
    spanish = {"name": "Mieloma múltiple", "slug": "mieloma-multiple"}  # demo translation
    assert english in data["conditions"]
    assert all(condition in (english, spanish) for condition in data["conditions"])


def test_images_with_renditions(graphql, demo_content):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Infusion", file=get_test_image_file(size=(640, 480)))
    use_in_published_article(image)
    data = graphql.execute(
        """{ images { id title width height rendition(width: 400) { url width } } }"""
    )
    assert data["images"] == [
        {
            "id": str(image.pk),
            "title": "Infusion",
            "width": 640,
            "height": 480,
            "rendition": {"url": data["images"][0]["rendition"]["url"], "width": 400},
        }
    ]
    assert data["images"][0]["rendition"]["url"]


@override_settings(FRONTEND_BASE_URL="https://health.example.org")
def test_internal_links_become_frontend_urls(graphql, seed_file_article):
    index = seed_file_article.get_parent()
    seed_file_article.intro = (
        f'<p>See <a linktype="page" id="{index.pk}">all articles</a>.</p>'
        + seed_file_article.intro
    )
    seed_file_article.save_revision().publish()
    intro = graphql.execute(FULL_ARTICLE, {"slug": SLUG})["article"]["intro"]
    assert '<a href="https://health.example.org/health-articles/">all articles</a>' in intro
    assert "linktype" not in intro
