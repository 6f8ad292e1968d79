"""Hero images, renditions, absolute media URLs from another origin, and ``routes``."""

import json
import urllib.request
from http.server import BaseHTTPRequestHandler

import pytest
from django.core.files.storage import default_storage
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from .factories import make_article, use_in_published_article
from .local_http import serving
from .test_publish_guard import form_errors, post_edit

pytestmark = pytest.mark.django_db

HERO = """query($id: ID) { article(id: $id) { heroImage {
  alt decorative credit
  image { url width height
          rendition(width: 400, format: WEBP) { url width height alt }
          srcSet(sizes: [400, 800], format: WEBP) }
} } }"""


def image(**kwargs):
    return Image.objects.create(
        title="Infusion", file=get_test_image_file(size=(1000, 750)), **kwargs
    )


@pytest.fixture
def illustrated(demo_content):
    return make_article(
        "Illustrated",
        hero_image=image(description="An infusion bag"),
        hero_image_alt="A nurse sets up an infusion.",
        hero_image_credit="Photo: A. Example",
    )


def test_hero_image_with_alt_credit_and_absolute_media_urls(graphql, illustrated, settings):
    settings.MEDIA_BASE_URL = "https://media.example.org"
    hero = graphql.execute(HERO, {"id": illustrated.pk})["article"]["heroImage"]
    assert (hero["alt"], hero["decorative"], hero["credit"]) == (
        "A nurse sets up an infusion.",
        False,
        "Photo: A. Example",
    )
    picture = hero["image"]
    assert picture["url"].startswith("https://media.example.org/media/original_images/")
    rendition = picture["rendition"]
    assert rendition["url"].startswith("https://media.example.org/media/images/")
    assert rendition["url"].endswith(".webp")
    assert (rendition["width"], rendition["height"], rendition["alt"]) == (
        400,
        300,
        "An infusion bag",
    )
    candidates = [candidate.split(" ") for candidate in picture["srcSet"].split(", ")]
    assert [width for _url, width in candidates] == ["400w", "800w"]
    assert all(url.startswith("https://media.example.org/") for url, _width in candidates)


def test_a_decorative_hero_image_has_empty_alt(graphql, demo_content):
    article = make_article("Decorated", hero_image=image(), hero_image_decorative=True)
    hero = graphql.execute(HERO, {"id": article.pk})["article"]["heroImage"]
    assert (hero["alt"], hero["decorative"]) == ("", True)


def test_a_hero_image_in_a_private_collection_is_not_served(graphql, demo_content):
    private = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    article = make_article("Private picture", hero_image=image(collection=private))
    assert graphql.execute(HERO, {"id": article.pk})["article"]["heroImage"] is None


def test_a_hero_image_added_in_a_draft_is_not_served(graphql, seed_article):
    draft = seed_article.get_latest_revision_as_object()
    draft.hero_image = image()
    draft.hero_image_alt = "Unreviewed picture"
    draft.save_revision()
    assert graphql.execute(HERO, {"id": seed_article.pk})["article"]["heroImage"] is None


@pytest.mark.parametrize(
    ("username", "action"), [("publisher", "action-submit"), ("editor", "action-submit")]
)
def test_a_hero_image_needs_alt_text_or_decorative_to_publish(
    login, seed_article, username, action
):
    picture = image()
    client = login(username)
    response = post_edit(client, seed_article, action, hero_image=picture.pk)
    [error] = form_errors(response)["hero_image_alt"]
    assert "or mark it decorative" in error
    response = post_edit(
        client,
        seed_article,
        action,
        hero_image=picture.pk,
        hero_image_alt="x",
        **{"hero_image_decorative": "on"},
    )
    assert "clear the alt text" in form_errors(response)["hero_image_alt"][0]
    draft = post_edit(client, seed_article, None, hero_image=picture.pk)
    assert draft.status_code == 302  # a draft may still lack it


@pytest.mark.parametrize(
    "field",
    [
        "rendition(width: 4000) { url }",
        "rendition(width: 400, format: PNG) { url }",
        'rendition(fill: "10x10") { url }',
        "rendition { url }",
        "srcSet(sizes: [500])",
        "srcSet(sizes: [400], format: PNG)",
        "srcSet(sizes: [])",
    ],
)
def test_filters_outside_the_allow_list_are_coded_errors(graphql, illustrated, field):
    query = "query($id: ID) { image(id: $id) { FIELD } }".replace("FIELD", field)
    response = graphql.post(query, {"id": illustrated.hero_image_id})
    payload = response.json()
    assert payload["errors"][0]["extensions"]["code"] == "IMAGE_FILTER_NOT_ALLOWED"
    assert payload["data"]["image"] is None or payload["data"]["image"] == {
        field.split("(")[0].split(" ")[0]: None
    }


def test_combined_filters(graphql, illustrated):
    data = graphql.execute(
        """query($id: ID) { image(id: $id) {
          rendition(fill: "400x300", format: WEBP) { url width height } } }""",
        {"id": illustrated.hero_image_id},
    )
    rendition = data["image"]["rendition"]
    assert (rendition["width"], rendition["height"]) == (400, 300)
    assert ".fill-400x300.format-webp" in rendition["url"] or rendition["url"].endswith(".webp")


ROUTES = "{ routes { url pageId pageType title } }"


def test_routes_list_every_path_a_frontend_serves(graphql, seed_article):
    draft = make_article("Draft", publish=False)
    gone = make_article("Gone", slug="gone")
    gone.unpublish()
    routes = graphql.execute(ROUTES)["routes"]
    assert [(r["url"], r["pageType"]) for r in routes] == [
        ("/", "HomePage"),
        ("/health-articles/", "ArticleIndexPage"),
        (f"/health-articles/{seed_article.slug}/", "ArticlePage"),
    ]
    assert str(draft.pk) not in {r["pageId"] for r in routes}


def test_routes_use_the_frontend_base_url(graphql, seed_article, settings):
    settings.FRONTEND_BASE_URL = "https://health.example.org"
    paths = [r["url"] for r in graphql.execute(ROUTES)["routes"]]
    assert paths[1] == "https://health.example.org/health-articles/"


class StorageHandler(BaseHTTPRequestHandler):
    """A media origin (as a CDN in front of the storage would be) on its own port."""

    def do_GET(self):  # noqa: N802
        name = self.path.removeprefix("/media/")
        if not default_storage.exists(name):
            self.send_error(404)
            return
        with default_storage.open(name) as file:
            body = file.read()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def media_origin():
    with serving(StorageHandler) as url:
        yield url


def test_media_urls_work_from_another_origin(
    live_server, transactional_db, media_origin, settings
):
    from .factories import make_site

    make_site()
    settings.MEDIA_BASE_URL = media_origin
    article = make_article(
        "Illustrated", hero_image=image(), hero_image_alt="A nurse sets up an infusion."
    )
    request = urllib.request.Request(  # noqa: S310
        f"{live_server.url}/graphql/",
        data=json.dumps({"query": HERO, "variables": {"id": article.pk}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310
        picture = json.load(response)["data"]["article"]["heroImage"]["image"]
    urls = [picture["url"], picture["rendition"]["url"]]
    urls += [candidate.split(" ")[0] for candidate in picture["srcSet"].split(", ")]
    assert live_server.url not in " ".join(urls)
    for url in urls:
        assert url.startswith(media_origin + "/media/")
        with urllib.request.urlopen(url) as response:  # noqa: S310
            assert response.status == 200
            assert response.read(8)[:4] in (b"\x89PNG", b"RIFF")


def test_images_in_rich_text_are_absolute_with_their_alt_text(graphql, demo_content, settings):
    from articles.models import ArticleDependency

    settings.MEDIA_BASE_URL = "https://media.example.org"
    shown = image()
    private = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    hidden = image(collection=private)
    intro = (
        f'<p>Before.</p><embed embedtype="image" id="{shown.pk}" format="fullwidth" '
        f'alt="The infusion line"/><embed embedtype="image" id="{hidden.pk}" '
        'format="fullwidth" alt="Private"/><p>After.</p>'
    )
    article = make_article("With pictures", intro=intro)
    served = graphql.execute("query($id: ID) { article(id: $id) { intro } }", {"id": article.pk})[
        "article"
    ]["intro"]
    assert '<img src="https://media.example.org/media/images/' in served
    assert 'width="800" height="600" alt="The infusion line"' in served
    assert "Private" not in served
    assert set(
        ArticleDependency.objects.filter(article=article, kind="image").values_list(
            "target_id", flat=True
        )
    ) == {shown.pk, hidden.pk}


def test_document_urls_are_on_the_cms_which_serves_them(graphql, demo_content, settings):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    settings.MEDIA_BASE_URL = "https://media.example.org"
    settings.WAGTAILADMIN_BASE_URL = "https://cms.example.org"
    document = Document.objects.create(title="Leaflet", file=ContentFile(b"x", name="leaflet.txt"))
    use_in_published_article(document)
    [served] = graphql.execute("{ documents { url } }")["documents"]
    assert served["url"] == f"https://cms.example.org/documents/{document.pk}/{document.filename}"
