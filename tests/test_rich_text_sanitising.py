"""Rich text is sanitised on output: markup saved outside the admin never reaches apps."""

import json
from unittest import mock

import nh3
import pytest

from articles.models import ArticlePage, Disclaimer
from delivery.rich_text import sanitise_rich_text

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p data-block-key="k1">Read <a href="javascript:alert(1)">this</a>'
    '<script>alert(2)</script><img src="x" onerror="alert(3)">'
    '<b onclick="alert(4)">now</b> <a href="https://example.org/a" target="_blank" '
    'style="color:red">source</a> <i>ok</i></p><iframe src="https://evil.example"></iframe>'
    '<ul><li data-block-key="k2">one</li></ul><h2>Not a feature</h2>'
    '<a href="data:text/html,x">data</a><a href="vbscript:x">vb</a>'
)
ARTICLE = """query($slug: String!) { article(slug: $slug) {
  intro
  disclaimer { body }
  body { ... on SectionBlock { body subsections { body } blocks { ... on RichTextBlock { value } } } }
} }"""
DANGEROUS = (
    "javascript:",
    "<script",
    "onerror",
    "onclick",
    "<iframe",
    "<img",
    "style=",
    "data:text",
    "vbscript:",
    "target=",
    "alert(",
)


def assert_clean(html):
    for marker in DANGEROUS:
        assert marker not in html, (marker, html)


def test_sanitiser_keeps_what_the_editor_can_make():
    html = sanitise_rich_text(HOSTILE)
    assert_clean(html)
    assert '<p data-block-key="k1">' in html
    assert '<a href="https://example.org/a">source</a>' in html
    assert "<b>now</b>" in html and "<i>ok</i>" in html
    assert '<ul><li data-block-key="k2">one</li></ul>' in html
    assert "<h2>" not in html and "Not a feature" in html
    assert "<a>this</a>" in html  # the text stays, the script link goes
    editor_made = (
        '<p data-block-key="a1"><b>Bold</b>, <i>italic</i>, <a href="/x/">link</a><br/>.</p>'
    )
    assert sanitise_rich_text(editor_made) == editor_made.replace("<br/>", "<br>")


def test_only_the_cms_s_own_renditions_are_served_as_images(settings):
    settings.MEDIA_BASE_URL = "https://media.example.org"
    own = '<img src="https://media.example.org/media/images/a.width-800.jpg" alt="A">'
    assert sanitise_rich_text(own) == own
    assert sanitise_rich_text('<p>x<img src="https://tracker.example/p.gif" alt=""></p>') == (
        "<p>x</p>"
    )


def hostile_stream(body_raw):
    for block in body_raw:
        if block["type"] == "section":
            block["value"]["body"] = HOSTILE
            for sub in block["value"].get("subsections", []):
                sub["value"]["body"] = HOSTILE
    return body_raw


def test_markup_saved_through_the_orm_never_reaches_apps(graphql, seed_article):
    body = hostile_stream(list(seed_article.body.raw_data))
    ArticlePage.objects.filter(pk=seed_article.pk).update(intro=HOSTILE, body=json.dumps(body))
    Disclaimer.objects.filter(pk=seed_article.disclaimer_id).update(body=HOSTILE)
    response = graphql.post(ARTICLE, {"slug": seed_article.slug})
    text = response.content.decode()
    payload = response.json()
    assert "errors" not in payload, payload
    article = payload["data"]["article"]
    assert "Read <a>this</a>" in article["intro"]
    assert "Read <a>this</a>" in article["disclaimer"]["body"]
    sections = [block for block in article["body"] if "body" in block]
    assert sections and all("Read <a>this</a>" in block["body"] for block in sections)
    assert any(block["blocks"] for block in sections)
    assert_clean(text)


def test_sanitising_runs_on_cache_misses_only(graphql, seed_article):
    """A cached response is served as stored: sanitising costs nothing on a cache hit."""
    with mock.patch("nh3.clean", wraps=nh3.clean) as clean:
        miss = graphql.post(ARTICLE, {"slug": seed_article.slug})
        calls_on_miss = clean.call_count
        hit = graphql.post(ARTICLE, {"slug": seed_article.slug})
    assert miss["X-Cache"] == "miss" and hit["X-Cache"] == "hit"
    assert calls_on_miss > 0
    assert clean.call_count == calls_on_miss


def test_the_allow_list_is_what_the_served_features_write():
    from articles.blocks import INTRO_FEATURES, RICH_TEXT_FEATURES
    from delivery.rich_text import allow_list

    assert set(RICH_TEXT_FEATURES) == {"bold", "italic", "link", "ol", "ul"}
    assert set(INTRO_FEATURES) == {*RICH_TEXT_FEATURES, "image"}
    tags, attributes = allow_list()
    # The image feature's <embed> is served as the <img> its handler writes.
    assert tags == {"p", "br", "b", "strong", "i", "em", "a", "ol", "ul", "li", "img"}
    assert attributes["a"] == {"href"}
    assert attributes["img"] == {"src", "width", "height", "alt", "class"}
