"""The reference static-site client, end to end against a live server."""

import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import ArticlePage

from .factories import make_article

BUILD = Path(__file__).resolve().parent.parent / "examples" / "static-site" / "build.py"
SEED_PAGE = "health-articles/immunotherapy-for-multiple-myeloma/index.html"


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
    call_command("load_demo_content", stdout=io.StringIO())
    make_article("Tests & <scripts>: what to expect", slug="tests-and-scripts")
    return tmp_path / "site"


def test_full_then_incremental_builds(live_server, site):
    output = run_build(live_server, site)
    assert "full build" in output
    files = snapshot(site)
    assert set(files) == {
        "index.html",
        SEED_PAGE,
        "health-articles/tests-and-scripts/index.html",
    }

    page = (site / SEED_PAGE).read_text()
    assert "<h1>Immunotherapy for Multiple Myeloma</h1>" in page
    assert '<th scope="col">Treatment type</th>' in page
    assert (
        "<tr><td>Cell-Based Therapy</td><td>Modifies immune cells to target affected cells</td>"
        "<td>Intravenous infusion</td><td>Mild fever, fatigue</td></tr>"
    ) in page
    assert '<a href="https://www.cancer.org/cancer/types/multiple-myeloma.html">' in page
    assert "Last reviewed" in page
    assert '<aside class="disclaimer"><h2>Medical disclaimer</h2><p>' in page
    escaped = (site / "health-articles/tests-and-scripts/index.html").read_text()
    assert "<h1>Tests &amp; &lt;scripts&gt;: what to expect</h1>" in escaped
    assert "<scripts>" not in escaped
    index = (site / "index.html").read_text()
    assert 'href="health-articles/tests-and-scripts/"' in index
    assert '<aside class="disclaimer"><h2>Medical disclaimer</h2><p>' in index

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

    # Unpublish: the page file goes, and the index no longer links to it.
    ArticlePage.objects.get(slug="tests-and-scripts").unpublish()
    output = run_build(live_server, site)
    assert "deleted health-articles/tests-and-scripts/index.html" in output
    final = snapshot(site)
    assert set(final) == {"index.html", SEED_PAGE}
    assert final[SEED_PAGE] == after[SEED_PAGE]
    assert not (site / "health-articles/tests-and-scripts").exists()
    assert "tests-and-scripts" not in (site / "index.html").read_text()
