"""Load and faults against real gunicorn workers (marked slow; small enough for CI).

Readers query the seed article over HTTP while an editor publishes revision after revision:
no request fails, every response is one whole published revision (its title and a table
cell carry the same revision number), and every revision is kept. Then one of three
workers is killed under load: the others go on serving.

The server processes read the test database, so these tests need PostgreSQL
(``DATABASE_URL=postgres://...``); an in-memory SQLite test database is private to the
test process.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Revision

from articles.models import ArticlePage
from cms.settings.base import BASE_DIR

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="server processes need PostgreSQL"
    ),
]

PORTS = range(8810, 8830)
SLUG = "immunotherapy-for-multiple-myeloma"
QUERY = json.dumps(
    {
        "query": """query($slug: String!) { article(slug: $slug) {
            title body { ... on ComparisonTableBlock { rows { mechanism } } } } }""",
        "variables": {"slug": SLUG},
    }
).encode()


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8810-8829")


def worker_pids(master_pid):
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            pids.append(int(stat.parent.name))
    return pids


@contextmanager
def gunicorn(workers=3):
    """gunicorn serving the CMS on the test database; yields (base URL, master pid)."""
    port = free_port()
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "PYTHONWARNINGS": "ignore::UserWarning",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
    }
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--graceful-timeout",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=environment,
    )
    url = f"http://127.0.0.1:{port}/graphql/"
    try:
        deadline = time.monotonic() + 60
        while len(worker_pids(server.pid)) < workers or fetch(url)[0] != 200:
            assert server.poll() is None, "gunicorn exited"
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch(url):
    """(status, payload) of one GraphQL request; status 0 when the connection failed."""
    request = urllib.request.Request(  # noqa: S310
        url, QUERY, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None
    except (OSError, ValueError):
        return 0, None


class Readers:
    """Threads querying the article in a loop until stopped."""

    def __init__(self, url, count=4):
        self.url = url
        self.results = []
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.read) for _ in range(count)]

    def read(self):
        while not self.stop.is_set():
            self.results.append((time.monotonic(), *fetch(self.url)))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()


def revision_number(text):
    match = re.search(r"Revision (\d+)", text)
    return int(match.group(1)) if match else 0


def publish_revision(article, number):
    draft = article.get_latest_revision_as_object()
    draft.title = f"Immunotherapy for Multiple Myeloma (Revision {number})"
    draft.body[1].value["rows"][0]["mechanism"] = f"Revision {number}: modifies immune cells"
    draft.save_revision().publish()


def test_readers_see_whole_revisions_while_editors_publish():
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    article = ArticlePage.objects.get(slug=SLUG)
    revisions_before = Revision.page_revisions.filter(object_id=str(article.pk)).count()
    published = 8
    with gunicorn() as (url, _master), Readers(url, count=3) as readers:
        for number in range(1, published + 1):
            publish_revision(article, number)
            time.sleep(0.05)
        time.sleep(0.3)

    statuses = [status for _, status, _ in readers.results]
    assert statuses and set(statuses) == {200}, statuses
    seen = set()
    for _, _, payload in readers.results:
        assert "errors" not in payload, payload
        served = payload["data"]["article"]
        title_number = revision_number(served["title"])
        cell_number = revision_number(served["body"][1]["rows"][0]["mechanism"])
        assert title_number == cell_number, served  # never fields from two revisions
        seen.add(title_number)
    assert published in seen and len(seen) > 2
    print(f"\n{len(statuses)} reads during {published} publishes, {len(seen)} revisions seen")

    history = Revision.page_revisions.filter(object_id=str(article.pk))
    assert history.count() == revisions_before + published
    titles = {revision.content["title"] for revision in history}
    assert {
        f"Immunotherapy for Multiple Myeloma (Revision {n})" for n in range(1, published + 1)
    } <= titles


def test_killing_one_worker_leaves_the_others_serving():
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    with gunicorn(workers=3) as (url, master), Readers(url) as readers:
        time.sleep(1.5)
        victim = worker_pids(master)[0]
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        time.sleep(2.5)
        assert len(worker_pids(master)) == 3  # the master replaced the dead worker

    failures = [status for _, status, _ in readers.results if status != 200]
    after = [status for at, status, _ in readers.results if at > killed_at + 0.5]
    # Sync workers serve one request at a time: only the killed worker's request is lost.
    assert len(failures) <= 1, failures
    assert after and set(after) == {200}
    print(f"\n{len(readers.results)} requests, {len(failures)} failed after kill -9 of a worker")
