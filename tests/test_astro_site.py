"""The Astro example (``examples/astro-site``) against a live server: ``npm ci``, then
incremental builds that match full builds after each kind of dependency change.

Needs Node 20+ and npm with access to the registry (or a warm npm cache); ``.ci/run`` runs
it with the rest of the suite.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .test_static_site import dependency_changes, linked_site, site, site_files  # noqa: F401

ASTRO_SITE = Path(__file__).resolve().parent.parent / "examples" / "astro-site"
PROJECT_FILES = ["package.json", "package-lock.json", "astro.config.mjs", "src"]

pytestmark = [pytest.mark.node, pytest.mark.slow]


@pytest.fixture(scope="module")
def astro_project(tmp_path_factory):
    """A copy of the example with its pinned dependencies installed by ``npm ci``."""
    npm = shutil.which("npm")
    assert npm, "the Astro example test needs Node 20+ and npm on the PATH"
    project = tmp_path_factory.mktemp("astro-site")
    for name in PROJECT_FILES:
        source = ASTRO_SITE / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy(source, project / name)
    result = subprocess.run(  # noqa: S603
        [npm, "ci", "--no-audit", "--no-fund"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return project


def astro_build(project, live_server, name):
    """``astro build`` into ``<name>/dist``, keeping Astro's data store in ``<name>/cache``."""
    out = project / name
    environment = {
        **os.environ,
        "CMS_GRAPHQL_URL": f"{live_server.url}/graphql/",
        "ASTRO_OUT_DIR": str(out / "dist"),
        "ASTRO_CACHE_DIR": str(out / "cache"),
        "ASTRO_TELEMETRY_DISABLED": "1",
    }
    result = subprocess.run(  # noqa: S603
        [str(project / "node_modules" / ".bin" / "astro"), "build"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out / "dist", result.stdout


def test_astro_incremental_builds_match_full_builds(live_server, linked_site, astro_project):  # noqa: F811
    _site, six, nine, picture = linked_site
    dist, output = astro_build(astro_project, live_server, "incremental")
    assert "full load" in output
    page = (dist / "health-articles/article-07/index.html").read_text()
    assert 'href="/health-articles/article-06/"' in page
    assert (dist / "health-articles/index.html").exists()  # from `routes`

    for step, (change, (path, expected)) in enumerate(dependency_changes(six, nine, picture)):
        change()
        dist, output = astro_build(astro_project, live_server, "incremental")
        assert "incremental since" in output, change.__name__
        full, _output = astro_build(astro_project, live_server, f"full-{step}")
        assert expected in (dist / path).read_text(), change.__name__
        assert site_files(dist) == site_files(full), change.__name__
