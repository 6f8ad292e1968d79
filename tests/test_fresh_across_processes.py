"""Fresh across processes on the zero-configuration default (SQLite, local-memory cache).

A running server (``runserver`` on the development settings, as ``make run`` starts it)
caches the seed article; then a separate process changes it: a ``manage.py shell``
publish, and Wagtail's ``publish_scheduled`` as cron runs it. The server's very next
response shows the change, although its own cache never heard of it (marked slow: it
migrates a database of its own).
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow

SLUG = "immunotherapy-for-multiple-myeloma"
QUERY = "query($slug: String!) { article(slug: $slug) { title } }"
PUBLISH = """
from articles.models import ArticlePage
page = ArticlePage.objects.get(slug={slug!r})
page.title = {title!r}
page.save_revision().publish()
"""
SCHEDULE = """
import datetime
from django.utils import timezone
from articles.models import ArticlePage
page = ArticlePage.objects.get(slug={slug!r})
page.title = {title!r}
page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(seconds=1))
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DevelopmentSite:
    """A database of its own, and ``manage.py`` commands on the development settings."""

    def __init__(self, folder):
        self.environment = {
            key: value
            for key, value in os.environ.items()
            if key not in {"REDIS_URL", "GRAPHQL_CACHE_GENERATION_FILE", "DATABASE_URL"}
        }
        self.environment.update(
            DJANGO_SETTINGS_MODULE="cms.settings.dev",
            DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
            PYTHONWARNINGS="ignore",
        )

    def manage(self, *arguments):
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *arguments],
            cwd=settings.BASE_DIR,
            env=self.environment,
            check=True,
            capture_output=True,
        )

    def shell(self, code):
        self.manage("shell", "--no-imports", "-c", code)

    def serve(self, port):
        return subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=settings.BASE_DIR,
            env=self.environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def ask(base):
    """The article title and the X-Cache header the server answered with."""
    url = f"{base}/graphql/?" + urllib.parse.urlencode(
        {"query": QUERY, "variables": json.dumps({"slug": SLUG})}
    )
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (127.0.0.1)
        payload, cache_status = json.loads(response.read()), response.headers["X-Cache"]
    return payload["data"]["article"]["title"], cache_status


def wait_for(base, server):
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, "runserver exited"
        try:
            return ask(base)
        except OSError:
            time.sleep(0.3)
    raise AssertionError("runserver did not answer within 90 s")


@pytest.fixture
def development_server(tmp_path):
    site = DevelopmentSite(tmp_path)
    site.manage("migrate", "--noinput")
    site.manage("load_demo_content")
    port = free_port()
    server = site.serve(port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, server)
        yield site, base
    finally:
        server.terminate()
        server.wait(timeout=30)


def cached_title(base):
    """Asks twice: the second answer comes from the server's own cache."""
    title, _ = ask(base)
    again, cache_status = ask(base)
    assert (again, cache_status) == (title, "hit")
    return title


def test_a_publish_from_another_process_is_served_at_once(development_server):
    site, base = development_server
    assert cached_title(base) != "Published from a shell"

    site.shell(PUBLISH.format(slug=SLUG, title="Published from a shell"))
    assert ask(base) == ("Published from a shell", "miss")

    site.shell(SCHEDULE.format(slug=SLUG, title="Published by publish_scheduled"))
    assert cached_title(base) == "Published from a shell"  # a draft: still the live title
    site.manage("publish_scheduled")
    assert ask(base) == ("Published by publish_scheduled", "miss")
