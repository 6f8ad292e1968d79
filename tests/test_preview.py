"""Draft previews: the admin hands the frontend a signed token; GraphQL honours only that."""

import html
import json
import re
import time
import types
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.signing import TimestampSigner
from wagtail.models import Site

from tests.admin_forms import article_form
from tests.test_admin import admin_client  # noqa: F401

pytestmark = pytest.mark.django_db

FRONTEND = "https://preview.example.org/articles/preview"

DRAFT_QUERY = """
query Preview($token: String!) {
  page(token: $token) {
    id title
    ... on ArticlePage {
      summary structuredData readability { gradeLevel }
      body { ... on ComparisonTableBlock { rows { treatmentType mechanism } } }
    }
  }
}"""


@pytest.fixture
def preview_frontend(settings):
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": FRONTEND},
        "REDIRECT_ON_PREVIEW": False,
        "ENFORCE_TRAILING_SLASH": True,
    }


def preview_url(admin_client, article, title="Draft title", mechanism="Draft mechanism"):  # noqa: F811
    """Press Preview in the page editor with an edited title and table row."""
    data = article_form(article, [{"mechanism": mechanism}])
    data["title"] = title
    url = f"/admin/pages/{article.pk}/edit/preview/"
    assert admin_client.post(url, data).json()["is_valid"]
    response = admin_client.get(url)
    assert response.status_code == 200
    src = re.search(rb'<iframe src="([^"]+)"', response.content)
    assert src, response.content[:1000]
    return html.unescape(src.group(1).decode())


def token_from(url):
    return parse_qs(urlsplit(url).query)["token"][0]


def test_admin_preview_opens_the_frontend_with_a_token(
    preview_frontend,
    admin_client,  # noqa: F811
    seed_article,
):
    url = preview_url(admin_client, seed_article)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == FRONTEND + "/"
    assert parse_qs(parts.query)["content_type"] == ["articles.articlepage"]
    assert token_from(url).startswith(f"id={seed_article.pk}:")


def test_the_token_returns_the_draft_and_only_the_token_does(
    preview_frontend,
    admin_client,  # noqa: F811
    seed_article,
    graphql,
    anonymous_client,
):
    token = token_from(preview_url(admin_client, seed_article))
    graphql.client = anonymous_client  # the frontend has no admin session

    page = graphql.execute(DRAFT_QUERY, {"token": token})["page"]
    assert page["id"] == str(seed_article.pk)
    assert page["title"] == "Draft title"
    assert page["body"][1]["rows"][0]["mechanism"] == "Draft mechanism"

    live = graphql.execute(
        '{ page(slug: "immunotherapy-for-multiple-myeloma") { title } '
        ' article(slug: "immunotherapy-for-multiple-myeloma") { title } }'
    )
    assert live["page"]["title"] == seed_article.title
    assert live["article"]["title"] == seed_article.title


def tampered_tokens(token):
    identifier, timestamp, signature = token.split(":")
    other_char = "A" if signature[-1] != "A" else "B"
    return [
        f"{identifier}:{timestamp}:{signature[:-1]}{other_char}",  # forged signature
        f"{identifier}:{timestamp}",  # signature stripped
        f"id=1:{timestamp}:{signature}",  # another page's id
        f"{identifier}:{int(timestamp, 36) + 1}:{signature}",  # another time
        "id=99999999999999999999999:x:y",
        "page_type=auth.user:x:y",
        "nonsense",
    ]


def test_a_tampered_token_never_returns_the_draft(
    preview_frontend,
    admin_client,  # noqa: F811
    seed_article,
    graphql,
):
    token = token_from(preview_url(admin_client, seed_article))
    for tampered in tampered_tokens(token):
        response = graphql.post(DRAFT_QUERY, {"token": tampered})
        assert response.status_code == 200
        assert response.json() == {"data": {"page": None}}, tampered


def test_an_expired_token_never_returns_the_draft(
    preview_frontend,
    admin_client,  # noqa: F811
    seed_article,
    graphql,
    settings,
    monkeypatch,
):
    settings.PREVIEW_TOKEN_MAX_AGE_SECONDS = 600
    token = token_from(preview_url(admin_client, seed_article))
    assert graphql.execute(DRAFT_QUERY, {"token": token})["page"]["title"] == "Draft title"

    # Time travel for the token check only: 601 seconds after the editor pressed Preview.
    later = time.time() + 601
    monkeypatch.setattr("django.core.signing.time", types.SimpleNamespace(time=lambda: later))
    assert graphql.execute(DRAFT_QUERY, {"token": token}) == {"page": None}


def test_a_validly_signed_token_without_a_stored_preview_is_nothing(
    preview_frontend, seed_article, graphql
):
    token = TimestampSigner(salt="headlesspreview.token").sign(f"id={seed_article.pk}")
    assert graphql.execute(DRAFT_QUERY, {"token": token}) == {"page": None}


def test_preview_of_a_page_never_published(
    preview_frontend,
    admin_client,  # noqa: F811
    seed_article,
    graphql,
):
    index = seed_article.get_parent()
    data = article_form(seed_article)
    data.update({"title": "Brand new article", "slug": "brand-new-article"})
    url = f"/admin/pages/add/articles/articlepage/{index.pk}/preview/"
    assert admin_client.post(url, data).json()["is_valid"]
    src = re.search(rb'<iframe src="([^"]+)"', admin_client.get(url).content)
    token = token_from(html.unescape(src.group(1).decode()))
    assert token.startswith("parent_id=")
    page = graphql.execute(DRAFT_QUERY, {"token": token})["page"]
    assert page["title"] == "Brand new article"
    assert page["id"] == "unsaved:brand-new-article"  # ids are non-null, even here
    # Search engines' description of the draft, as the frontend would render it.
    assert json.loads(page["structuredData"])["name"] == "Brand new article"
    assert page["readability"]["gradeLevel"] > 0
    assert graphql.execute('{ page(slug: "brand-new-article") { id } }') == {"page": None}


def test_frontend_url_per_site_and_redirect_mode(settings, admin_client, seed_article):  # noqa: F811
    site = Site.objects.get(is_default_site=True)
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": FRONTEND, site.hostname: "https://site-preview.example.org"},
        "REDIRECT_ON_PREVIEW": True,
        "ENFORCE_TRAILING_SLASH": True,
    }
    url = f"/admin/pages/{seed_article.pk}/edit/preview/"
    assert admin_client.post(url, article_form(seed_article)).json()["is_valid"]
    response = admin_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(
        "https://site-preview.example.org/?content_type=articles.articlepage&token="
    )
