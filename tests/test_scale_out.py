"""Two gunicorn app servers sharing one PostgreSQL database and one Redis, as in production.

An editor publishes through instance A (the Wagtail admin over HTTP); a reader on instance B
sees the change at once, even after B has served (and possibly cached) the old version.
Instance A goes away and B keeps serving; B's ``/healthz`` follows the database going away
and coming back. Runs in CI's PostgreSQL + Redis pass; skipped on the SQLite default.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
import redis
from django.conf import settings
from psycopg import sql

pytestmark = pytest.mark.slow

BASE_DIR = Path(settings.BASE_DIR)
PORT_RANGE = range(int(os.environ.get("SCALEOUT_PORT_BASE", "8710")), 65535)
SLUG = "immunotherapy-for-multiple-myeloma"
ARTICLE = """query($slug: String!) { article(slug: $slug) { id title } }"""
NEW_TITLE = "Immunotherapy for Multiple Myeloma: 2026 update"


def free_ports(count):
    """The first ``count`` ports from the range nothing listens on."""
    ports = []
    for port in PORT_RANGE:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == count:
            return ports
    raise RuntimeError("no free ports")


@dataclass
class HTTP:
    """A minimal HTTP client with its own cookie jar, that follows no redirects.

    Production cookies are ``Secure``; browsers would only send them over HTTPS, which the
    load balancer terminates. Here the app servers are reached directly over HTTP.
    """

    port: int
    cookies: dict = field(default_factory=dict)

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "localhost", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response.status, response.headers, content

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, data):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.cookies["csrftoken"]})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body, headers)

    def graphql(self, query, variables=None):
        body = json.dumps({"query": query, "variables": variables or {}})
        status, _, content = self.request(
            "POST", "/graphql/", body, {"Content-Type": "application/json"}
        )
        assert status == 200, content
        payload = json.loads(content)
        assert "errors" not in payload, payload
        return payload["data"]

    def health(self):
        status, headers, content = self.get("/healthz")
        return status, json.loads(content)


class AppServer:
    """One gunicorn instance with production settings, its log in a file."""

    def __init__(self, name, port, env, log_dir):
        self.name, self.port = name, port
        self.log = log_dir / f"gunicorn-{name}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.http = HTTP(port)

    def wait_until_healthy(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_tail()
            try:
                if self.http.health()[0] == 200:
                    return
            except (ConnectionError, OSError, ValueError):
                pass
            time.sleep(0.3)
        raise AssertionError(f"{self.name} never became healthy\n{self.log_tail()}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def wait_for_log(self, pattern, timeout=5):
        """Whether a log line matches; gunicorn logs a request just after answering it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, self.log.read_bytes()):
                return True
            time.sleep(0.1)
        return False

    def log_tail(self):
        return self.log.read_text(errors="replace")[-3000:]


class Cluster:
    """A dedicated PostgreSQL database, a Redis key prefix and the environment to share."""

    def __init__(self, tmp_path):
        default = settings.DATABASES["default"]
        self.admin_dsn = {
            "host": default.get("HOST") or "127.0.0.1",
            "port": default.get("PORT") or 5432,
            "user": default.get("USER") or "postgres",
            "password": default.get("PASSWORD") or None,
            "dbname": "postgres",
            "autocommit": True,
        }
        self.database = f"{default['NAME']}_scaleout_{uuid.uuid4().hex[:8]}"
        self.cache_prefix = f"scaleout-{uuid.uuid4().hex[:8]}"
        self.servers = []
        self.tmp_path = tmp_path
        credentials = self.admin_dsn["user"]
        if self.admin_dsn["password"]:
            credentials += f":{urllib.parse.quote(self.admin_dsn['password'])}"
        host = f"{self.admin_dsn['host']}:{self.admin_dsn['port']}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": uuid.uuid4().hex + uuid.uuid4().hex,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"postgres://{credentials}@{host}/{self.database}",
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": settings.REDIS_URL,
            "CACHE_KEY_PREFIX": self.cache_prefix,
            "STATIC_ROOT": str(tmp_path / "static"),
            "WEB_CONCURRENCY": "2",
            "GUNICORN_ACCESS_LOG": "-",
            "PYTHONUNBUFFERED": "1",
        }

    def admin_sql(self, statement, *params):
        with psycopg.connect(**self.admin_dsn) as connection:
            connection.execute(statement, params or None)

    def manage(self, *args):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr}"
        return result.stdout

    def set_up(self):
        print(f"\n  … creating database {self.database}", flush=True)
        self.admin_sql(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.database)))
        print("  … migrate, demo content, collectstatic", flush=True)
        self.manage("migrate", "--noinput")
        self.manage("load_demo_content", "--with-admin")
        self.manage("collectstatic", "--noinput", "-v0")

    def start(self, name, port):
        server = AppServer(name, port, self.env, self.tmp_path)
        self.servers.append(server)
        server.wait_until_healthy()
        print(f"  … instance {name} serving on 127.0.0.1:{port}", flush=True)
        return server

    def set_database_available(self, available):
        """Open or close the database to new connections and cut the existing ones."""
        name = sql.Identifier(self.database)
        allow = sql.SQL("true" if available else "false")
        self.admin_sql(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS {}").format(name, allow))
        if not available:
            self.admin_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                self.database,
            )

    def tear_down(self):
        for server in self.servers:
            server.stop()
        self.admin_sql(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(self.database)
            )
        )
        store = redis.Redis.from_url(settings.REDIS_URL)
        keys = list(store.scan_iter(match=f"{self.cache_prefix}:*"))
        if keys:
            store.delete(*keys)
        shutil.rmtree(self.tmp_path / "static", ignore_errors=True)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("scale-out needs PostgreSQL: run with DATABASE_URL=postgres://...")
    if not settings.REDIS_URL:
        pytest.skip("scale-out needs a shared cache: run with REDIS_URL=redis://...")
    cluster = Cluster(tmp_path_factory.mktemp("scaleout"))
    try:
        cluster.set_up()
        yield cluster
    finally:
        cluster.tear_down()


@pytest.fixture(scope="module")
def servers(cluster):
    port_a, port_b = free_ports(2)
    return cluster.start("A", port_a), cluster.start("B", port_b)


def admin_login(client):
    status, _, _ = client.get("/admin/login/")
    assert status == 200
    status, headers, content = client.post_form(
        "/admin/login/", {"username": "admin", "password": "admin", "next": "/admin/"}
    )
    assert status == 302, content[:2000]
    assert headers["Location"] == "/admin/"


def approve_current_task(cluster, client, page_id):
    """The admin approves the article's current workflow step (superusers may take both)."""
    task_state = cluster.manage(
        "shell",
        "--no-imports",
        "-c",
        "from wagtail.models import Page;"
        f"print(Page.objects.get(pk={page_id}).current_workflow_state.current_task_state.pk)",
    ).strip()
    path = f"/admin/pages/workflow/action/{page_id}/approve/{task_state}/"
    status, _, content = client.post_form(path, {"comment": ""})
    assert status == 302, content[:2000]


def test_publish_on_one_server_is_read_at_once_on_the_other(cluster, servers):
    a, b = servers
    before = b.http.graphql(ARTICLE, {"slug": SLUG})["article"]
    assert before["title"] == "Immunotherapy for Multiple Myeloma"

    # An editor saves a draft and submits it: readers keep the published version, on every
    # instance.
    cluster.manage(
        "shell",
        "--no-imports",
        "-c",
        "from articles.models import ArticlePage;"
        "from django.contrib.auth.models import User;"
        f"page = ArticlePage.objects.get(slug={SLUG!r}); page.title = {NEW_TITLE!r};"
        "page.save_revision();"
        "page.get_workflow().start(page, User.objects.get(username='admin'))",
    )
    for _ in range(4):  # every worker of B serves (and may cache) the published title
        assert b.http.graphql(ARTICLE, {"slug": SLUG})["article"] == before

    # Publishing happens when the medical step is approved (editorial.publishing), on A.
    admin_login(a.http)
    approve_current_task(cluster, a.http, before["id"])
    assert b.http.graphql(ARTICLE, {"slug": SLUG})["article"] == before
    approve_current_task(cluster, a.http, before["id"])

    for _ in range(4):
        assert b.http.graphql(ARTICLE, {"slug": SLUG})["article"]["title"] == NEW_TITLE
    assert a.http.graphql(ARTICLE, {"slug": SLUG})["article"]["title"] == NEW_TITLE

    # Instance A goes away: B keeps serving readers and editors (sessions are shared).
    a.stop()
    assert b.http.health() == (200, {"database": "ok", "cache": "ok"})
    assert b.http.graphql(ARTICLE, {"slug": SLUG})["article"]["title"] == NEW_TITLE
    b.http.cookies = dict(a.http.cookies)
    status, _, _ = b.http.get("/admin/")
    assert status == 200, "the session created on A is not valid on B"


def test_static_files_are_served_by_the_app_server(servers):
    _, b = servers
    visitor = HTTP(b.port)
    status, _, content = visitor.get("/admin/login/")
    assert status == 200
    static_path = re.search(rb"/static/wagtailadmin/css/core\.[0-9a-f]{12}\.css", content)
    assert static_path, "admin CSS is not referenced by its hashed name"
    status, headers, _ = visitor.get(static_path.group().decode())
    assert status == 200
    assert "immutable" in headers["Cache-Control"]
    line = rb'"GET /static/wagtailadmin/css/core\.\w+\.css HTTP/1\.1" 200 \d+ \d+ms'
    assert b.wait_for_log(line), "no access log line with the request time"


def test_healthz_follows_the_database_going_away_and_back(cluster, servers):
    _, b = servers
    assert b.http.health() == (200, {"database": "ok", "cache": "ok"})

    cluster.set_database_available(False)
    try:
        for _ in range(4):  # every worker notices, whatever connection it held
            assert b.http.health() == (503, {"database": "error", "cache": "ok"})
    finally:
        cluster.set_database_available(True)

    for _ in range(4):
        assert b.http.health() == (200, {"database": "ok", "cache": "ok"})
    assert b.http.graphql(ARTICLE, {"slug": SLUG})["article"]["title"] == NEW_TITLE
