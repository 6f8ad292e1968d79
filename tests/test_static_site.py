"""The reference static-site client, end to end against a live server."""

import contextlib
import hashlib
import hmac
import io
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from articles.models import ArticlePage

from .factories import make_article, make_site
from .local_http import serving

BUILD = Path(__file__).resolve().parent.parent / "examples" / "static-site" / "build.py"
SEED_PAGE = "en/health-articles/immunotherapy-for-multiple-myeloma/index.html"
SPANISH_PAGE = "es/articulos-de-salud/inmunoterapia-para-el-mieloma-multiple/index.html"
LANGUAGE_INDEXES = {"index.html", "en/index.html", "es/index.html"}


def run_build(live_server, out, *extra):
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(BUILD), "--endpoint", f"{live_server.url}/graphql/", "--out", out]
        + list(extra),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@contextlib.contextmanager
def webhook_receiver(live_server, out, secret):
    sys.path.insert(0, str(BUILD.parent))
    try:
        from webhook_receiver import make_handler
    finally:
        sys.path.remove(str(BUILD.parent))
    with serving(make_handler(f"{live_server.url}/graphql/", out, secret)) as url:
        yield f"{url}/"


def signed_post(url, body, secret):
    timestamp = str(int(time.time()))
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    request = urllib.request.Request(  # noqa: S310
        url,
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-CMS-Webhook-Timestamp": timestamp,
            "X-CMS-Webhook-Signature": "sha256=" + digest.hexdigest(),
        },
    )
    try:
        return urllib.request.urlopen(request, timeout=120)  # noqa: S310
    except urllib.error.HTTPError as error:
        return error


def snapshot(out):
    """Every site file (not the sync state) → (content hash, modification time)."""
    return {
        str(path.relative_to(out)): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_mtime_ns,
        )
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name != ".sync-state.json"
    }


@pytest.fixture
def site(transactional_db, tmp_path):
    make_site()
    make_article("Tests & <scripts>: what to expect", slug="tests-and-scripts")
    return tmp_path / "site"


def test_full_then_incremental_builds(live_server, site):
    output = run_build(live_server, site)
    assert "full build" in output
    files = snapshot(site)
    assert set(files) == {
        *LANGUAGE_INDEXES,
        "style.css",
        SEED_PAGE,
        "en/health-articles/tests-and-scripts/index.html",
    }

    page = (site / SEED_PAGE).read_text()
    assert "<h1>Immunotherapy for Multiple Myeloma</h1>" in page
    assert '<th scope="col">Treatment type</th>' in page
    assert (
        '<tr><th scope="row">Cell-Based Therapy</th>'
        "<td>Modifies immune cells to target affected cells</td>"
        "<td>Intravenous infusion</td><td>Mild fever, fatigue</td></tr>"
    ) in page
    assert '<a href="https://www.cancer.org/cancer/types/multiple-myeloma.html">' in page
    assert '<p class="review">Last reviewed <time datetime="' in page
    assert '<link rel="stylesheet" href="../../../style.css">' in page
    assert page.startswith('<!doctype html>\n<html lang="en">')
    assert "hreflang" not in page  # no translation: no alternates, no language switcher
    assert (
        '<section class="disclaimer" aria-label="Disclaimer"><h2>Medical disclaimer</h2><p>'
        in page
    )
    head, _, _ = page.partition("</head>")
    [json_ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head)
    structured = json.loads(json_ld)
    assert structured["@type"] == "MedicalWebPage"
    assert structured["name"] == "Immunotherapy for Multiple Myeloma"
    escaped = (site / "en/health-articles/tests-and-scripts/index.html").read_text()
    assert "<h1>Tests &amp; &lt;scripts&gt;: what to expect</h1>" in escaped
    assert "<scripts>" not in escaped  # in the JSON-LD too: the API escapes < > &
    index = (site / "en/index.html").read_text()
    assert 'href="health-articles/tests-and-scripts/"' in index
    assert (
        '<section class="disclaimer" aria-label="Disclaimer"><h2>Medical disclaimer</h2>' in index
    )
    assert '<html lang="en">' in index and '<link rel="stylesheet" href="../style.css">' in index
    assert 'href="en/"' in (site / "index.html").read_text()  # the language choice

    # Edit and publish one article: only its page is rewritten.
    article = ArticlePage.objects.get(slug="immunotherapy-for-multiple-myeloma")
    article.subtitle = "Updated after the spring review"
    article.save_revision().publish()
    output = run_build(live_server, site)
    assert "incremental since" in output
    after = snapshot(site)
    assert set(after) == set(files)
    assert [name for name in files if after[name] != files[name]] == [SEED_PAGE]
    assert "Updated after the spring review" in (site / SEED_PAGE).read_text()

    # Nothing changed: nothing is written.
    run_build(live_server, site)
    assert snapshot(site) == after

    # Unpublish, and the webhook receiver runs the build: the page file goes, and the
    # index no longer links to it.
    ArticlePage.objects.get(slug="tests-and-scripts").unpublish()
    with webhook_receiver(live_server, site, secret="s3cret") as url:
        assert signed_post(url, b'{"id":"e1","type":"article.published"}', "wrong").status == 401
        response = signed_post(url, b'{"id":"e2","type":"article.unpublished"}', "s3cret")
    assert response.status == 200
    assert json.loads(response.read()) == {
        "written": ["en/index.html"],
        "deleted": ["en/health-articles/tests-and-scripts/index.html"],
    }
    final = snapshot(site)
    assert set(final) == {*LANGUAGE_INDEXES, "style.css", SEED_PAGE}
    assert final[SEED_PAGE] == after[SEED_PAGE]
    assert not (site / "en/health-articles/tests-and-scripts").exists()
    assert "tests-and-scripts" not in (site / "en/index.html").read_text()

    # A last sync older than the server keeps tombstones: the client falls back to a full
    # build, which writes nothing new.
    state = json.loads((site / ".sync-state.json").read_text())
    too_old = dict.fromkeys(state["since"], "2001-01-01T00:00:00+00:00")
    (site / ".sync-state.json").write_text(json.dumps({**state, "since": too_old}))
    output = run_build(live_server, site)
    assert "en sync is older than the server keeps removals: full build" in output
    assert snapshot(site) == final


def test_both_languages_with_their_links_to_each_other(live_server, transactional_db, tmp_path):
    """The demo content (the seed article and its Spanish demo translation): each language
    in its folder, ``lang`` per page, ``hreflang`` alternates with ``x-default``, a language
    switcher, and the disclaimer of the page's language."""
    from django.core.management import call_command

    call_command("load_demo_content", stdout=io.StringIO())
    site = tmp_path / "site"
    run_build(live_server, site, "--base-url", "https://health.example.org")
    english, spanish = (site / SEED_PAGE).read_text(), (site / SPANISH_PAGE).read_text()
    alternates = (
        '<link rel="alternate" hreflang="en" href="https://health.example.org/'
        'en/health-articles/immunotherapy-for-multiple-myeloma/">'
        '<link rel="alternate" hreflang="es" href="https://health.example.org/'
        'es/articulos-de-salud/inmunoterapia-para-el-mieloma-multiple/">'
        '<link rel="alternate" hreflang="x-default" href="https://health.example.org/'
        'en/health-articles/immunotherapy-for-multiple-myeloma/">'
    )
    assert alternates in english and alternates in spanish
    assert english.startswith('<!doctype html>\n<html lang="en">')
    assert spanish.startswith('<!doctype html>\n<html lang="es">')
    switch_to_english = (
        '<a href="../../../en/health-articles/immunotherapy-for-multiple-myeloma/" '
        'hreflang="en" lang="en">English</a>'
    )
    assert switch_to_english in spanish
    assert '<a href="./" aria-current="page">Español</a>' in spanish
    assert "<h2>Aviso médico</h2><p>El contenido de los artículos" in spanish
    assert "Medical disclaimer" not in spanish and "Aviso médico" not in english
    assert "<h1>Inmunoterapia para el mieloma múltiple</h1>" in spanish
    assert '<th scope="col">Tipo de tratamiento</th>' in spanish
    assert '<a href="https://www.cancer.gov/espanol/tipos/mieloma">' in spanish
    assert "Última revisión: <time" in spanish
    spanish_index = (site / "es/index.html").read_text()
    assert 'href="articulos-de-salud/inmunoterapia-para-el-mieloma-multiple/"' in spanish_index
    assert "<h2>Aviso médico</h2>" in spanish_index and "Medical" not in spanish_index

    # The translation is taken down: the English page no longer links it.
    ArticlePage.objects.get(slug="inmunoterapia-para-el-mieloma-multiple").unpublish()
    run_build(live_server, site, "--base-url", "https://health.example.org")
    assert not (site / SPANISH_PAGE).exists()
    assert "hreflang" not in (site / SEED_PAGE).read_text()


def site_files(out):
    """Every site file (not the sync state) → its bytes."""
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name != ".sync-state.json"
    }


def link(page):
    return f'<p>Related: <a linktype="page" id="{page.pk}">{page.title}</a>.</p>'


@pytest.fixture
def linked_site(site):
    """Articles 06 and 09, 07 and 10 linking to them, 11 with a hero image."""
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    six = make_article("Article 06", slug="article-06")
    nine = make_article("Article 09", slug="article-09")
    make_article("Article 07", slug="article-07", intro=link(six))
    make_article("Article 10", slug="article-10", intro=link(nine))
    picture = Image.objects.create(title="Infusion", file=get_test_image_file(size=(1000, 750)))
    make_article("Article 11", slug="article-11", hero_image=picture, hero_image_alt="Infusion")
    return site, six, nine, picture


def test_incremental_builds_match_full_builds_after_dependency_changes(
    live_server, linked_site, tmp_path
):
    site, six, nine, picture = linked_site
    run_build(live_server, site)
    assert (  # the API's link, into the language's folder
        'href="/en/health-articles/article-06/"'
        in (site / "en/health-articles/article-07/index.html").read_text()
    )
    for step, (change, (page, expected)) in enumerate(dependency_changes(six, nine, picture)):
        change()
        output = run_build(live_server, site)
        assert "incremental since" in output
        full = tmp_path / f"full-{step}"
        run_build(live_server, full)
        assert expected in (site / "en" / page).read_text(), change.__name__
        assert site_files(site) == site_files(full), change.__name__


def dependency_changes(six, nine, picture):
    """(change, (page file, text the page shows after it)) for each kind of dependency; the
    file's path as the site's URL gives it (the static build puts it under ``en/``)."""
    from wagtail.images.tests.utils import get_test_image_file

    from articles.models import Disclaimer

    def rename():
        page = ArticlePage.objects.get(pk=six.pk)
        page.slug = "article-06-renamed"
        page.save_revision().publish()

    def unpublish():
        ArticlePage.objects.get(pk=nine.pk).unpublish()

    def edit_disclaimer():
        disclaimer = Disclaimer.objects.get(is_default=True)
        disclaimer.body = "<p>Reworded after legal review.</p>"
        disclaimer.save_revision().publish()

    def replace_image():
        # As the admin's image edit view does when the file changes.
        picture.file = get_test_image_file(filename="replaced.png", size=(1200, 900))
        picture.save()
        picture.renditions.all().delete()

    return [
        (
            rename,
            ("health-articles/article-07/index.html", "/health-articles/article-06-renamed/"),
        ),
        (unpublish, ("health-articles/article-10/index.html", "Related: <a>Article 09</a>")),
        (
            edit_disclaimer,
            ("health-articles/immunotherapy-for-multiple-myeloma/index.html", "Reworded after"),
        ),
        (
            replace_image,
            ("health-articles/article-11/index.html", "/media/images/replaced"),
        ),
    ]
