"""Benchmark of the GraphQL API against Wagtail's REST API v2 and a bare Django view.

    python bench/run.py                 # 10,000 articles, 10 s per scenario
    python bench/run.py --smoke         # 20 articles, 2 s per scenario (CI smoke run)

Creates a SQLite database in a temporary folder (or uses DATABASE_URL), migrates, seeds
the articles (bench/seed.py), starts gunicorn with production settings plus the REST API
(bench/settings.py, one sync worker), drives each scenario with wrk (Debian package
``wrk``) and prints requests/s and p50/p99 latency, with ratios to REST v2 and to the bare
view, then times a static build pulling every article through the paginated query, an
incremental sync of 10 articles published meanwhile by another process (``bench.changes``),
and reads the worker's resident memory after 5,000 and 10,000 requests of mixed traffic.

"Uncached" scenarios give every request its own value of an extra, unused variable
(``nonce``): the query text stays the same, as it does for real apps, but every request
misses the response cache and pays for the lookup and the store, as a first request does.
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_SLUG = "immunotherapy-for-multiple-myeloma"
NONCE = "__NONCE__"

ARTICLE_FIELDS = """
  id title subtitle summary intro url
  condition { name slug }
  lastReviewed nextReviewDue reviewer { name }
  sources { name url }
  disclaimer { title body }
  body {
    __typename
    ... on SectionBlock { heading body subsections { heading body } }
    ... on ComparisonTableBlock {
      caption rows { treatmentType mechanism administration commonSideEffects }
    }
  }
"""
DETAIL = "query Article($slug: String!) { article(slug: $slug) { " + ARTICLE_FIELDS + " } }"
PAGE_DETAIL = (
    "query Page($slug: String!) { page(slug: $slug) { ... on ArticlePage { "
    + ARTICLE_FIELDS
    + " } } }"
)
SYNC = (
    "query Sync($since: DateTime, $page: Int!) {"
    " articleChanges(since: $since, page: $page, perPage: 100) { serverTime nextSince"
    " changed { items { " + ARTICLE_FIELDS + " } pagination { total nextPage } }"
    " removed { items { articleId url reason } pagination { total nextPage } } } }"
)
LISTING = (
    "query Articles($page: Int!) {"
    " articles(page: $page, perPage: 100, order: TITLE_ASC) {"
    " items { " + ARTICLE_FIELDS + " } pagination { total totalPages currentPage nextPage } } }"
)

PULL_TARGET_SECONDS = 15.0
SYNC_TARGET_SECONDS = 1.0
SYNC_CHANGES = 10
MEMORY_REQUESTS = 10_000


def say(message):
    print(message, flush=True)


def graphql_path(query, variables):
    return "/graphql/?" + urllib.parse.urlencode(
        {"query": query, "variables": json.dumps(variables, separators=(",", ":"))}
    )


def machine_description():
    cpu = platform.processor() or platform.machine()
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        cpu = re.search(r"model name\s*:\s*(.+)", cpuinfo).group(1).strip()
    except (OSError, AttributeError):
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; load average at start: {load_average()}"
    )


class Server:
    """gunicorn serving the benchmark settings: one sync worker, as production would."""

    def __init__(self, env, port):
        self.env, self.port = env, port
        self.base = f"http://127.0.0.1:{port}"
        self.process = None

    def __enter__(self):
        command = [
            sys.executable, "-m", "gunicorn", "cms.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--worker-class", "sync",
            "--timeout", "120", "--log-level", "warning",
        ]  # fmt: skip
        # The access log (gunicorn.conf.py) goes to a file, not between the results.
        self.log = open(Path(self.env["BENCH_WORKDIR"]) / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            command, cwd=REPO, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/bench/bare/", timeout=5) as response:  # noqa: S310 (http://127.0.0.1 only)
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited during start-up: see {self.log.name}")
        raise SystemExit("gunicorn did not answer within 60 s")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()

    def get_json(self, path):
        with urllib.request.urlopen(self.base + path, timeout=120) as response:  # noqa: S310
            return json.loads(response.read())


WRK_UNIQUE_SCRIPT = """
local prefix, suffix = %s, %s
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", prefix .. counter .. suffix)
end
"""


def lua_string(text):
    return json.dumps(text)  # a JSON string literal is a valid Lua string literal here


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(server, path, duration, connections, workdir, unique=False):
    """Requests/s and p50/p99 latency (ms) for GETs of ``path``; fails on non-2xx."""
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "60s",
    ]  # fmt: skip
    url = server.base + path
    if unique:
        # Every request gets its own nonce: the counter.
        prefix, suffix = path.split(NONCE)
        script = Path(workdir) / "unique.lua"
        script.write_text(WRK_UNIQUE_SCRIPT % (lua_string(prefix), lua_string(suffix)))
        command += ["-s", str(script)]
        url = server.base + "/"
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx or 3xx responses" in output or "Socket errors" in output:
        raise SystemExit(f"wrk saw failed requests for {path[:80]}:\n{output}")
    rate = float(re.search(r"Requests/sec:\s*([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s*(50|99)%\s+([\d.]+\w+)", output, flags=re.M))
    latency = {
        key: to_ms(*re.fullmatch(r"([\d.]+)(\w+)", value).groups())
        for key, value in percentiles.items()
    }
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return {"rate": rate, "p50": latency["50"], "p99": latency["99"], "requests": requests}


def gunicorn_worker(master_pid):
    """Process id and resident memory (KiB) of gunicorn's (single) worker."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if parent != master_pid:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, ValueError, IndexError):
            continue
        return int(stat.parent.name), int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    raise SystemExit("no gunicorn worker found")


def worker_rss_kib(master_pid, expected_pid):
    """The worker's resident memory; it must still be the worker first read (a recycled
    worker would hide any growth)."""
    pid, rss = gunicorn_worker(master_pid)
    if pid != expected_pid:
        raise SystemExit(f"gunicorn replaced its worker ({expected_pid} -> {pid}) mid-scenario")
    return rss


def mixed_traffic(first, count, articles):
    """Request paths: three in four hit the cache (the seed article), one in four asks for
    another article, uncached (resolvers, batching and the cache's growth all run)."""
    seed = graphql_path(DETAIL, {"slug": SEED_SLUG})
    for number in range(first, first + count):
        if number % 4:
            yield seed
        else:
            slug = f"{SEED_SLUG}-{2 + number % max(articles - 1, 1)}"
            yield graphql_path(DETAIL, {"slug": slug, "nonce": number})


def memory_after_requests(server, articles, requests, connections):
    """The worker's RSS after warm-up, after half the requests and after all of them."""

    def get(path):
        with urllib.request.urlopen(server.base + path, timeout=60) as response:  # noqa: S310
            body = response.read()
        if b'"errors"' in body:
            raise SystemExit(f"the memory scenario failed: {body[:300]}")

    worker, rss = gunicorn_worker(server.process.pid)
    readings = {0: rss}
    half = requests // 2
    with ThreadPoolExecutor(connections) as pool:
        for first in (0, half):
            for _ in pool.map(get, mixed_traffic(first, half, articles)):
                pass
            readings[first + half] = worker_rss_kib(server.process.pid, worker)
    return readings


def incremental_sync(server, env, expected):
    """Seconds to fetch, with full fields, what changed since the last sync: another process
    publishes ``expected`` articles after ``nextSince`` was taken."""
    since = server.get_json(graphql_path(SYNC, {"page": 1, "since": iso_now()}))
    next_since = since["data"]["articleChanges"]["nextSince"]
    subprocess.run(
        [sys.executable, "-m", "bench.changes", str(expected)], cwd=REPO, env=env, check=True
    )
    changed = lambda data: data["articleChanges"]["changed"]  # noqa: E731
    return timed_paging(server, SYNC, {"since": next_since}, changed, expected)


def iso_now():
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())


def full_pull(server, expected):
    """Seconds to page through every article with full fields, uncached."""
    nonce = secrets.token_hex(8)
    return timed_paging(server, LISTING, {"nonce": nonce}, lambda data: data["articles"], expected)


def timed_paging(server, query, variables, listing, expected):
    """Seconds to fetch every page of ``listing(data)``, which must hold ``expected`` items."""
    started = time.monotonic()
    page, items = 1, 0
    while page:
        data = server.get_json(graphql_path(query, {**variables, "page": page}))
        if "errors" in data:
            raise SystemExit(f"{query[:40]}... failed: {data['errors']}")
        found = listing(data["data"])
        items += len(found["items"])
        page = found["pagination"]["nextPage"]
    elapsed = time.monotonic() - started
    if items != expected:
        raise SystemExit(f"{query[:40]}... returned {items} articles, not {expected}")
    return elapsed


def check_scenarios(server, scenarios):
    """Each scenario answers 200 with real content before it is measured."""
    for name, path, _unique in scenarios:
        data = server.get_json(path.replace(NONCE, "check"))
        if path.startswith("/graphql/"):
            content = data.get("data") or {}
            valid = "errors" not in data and all(content.values()) and content
        elif path.startswith("/api/"):
            valid = data.get("body") and data.get("published_disclaimer")
        else:
            valid = data == {}
        if not valid:
            raise SystemExit(f"{name}: unexpected response {str(data)[:300]}")


def print_table(results, scale, articles):
    rest = results["REST v2 detail"]["rate"]
    bare = results["bare view"]["rate"]
    header = f"| {'scenario':<38} | {'req/s':>8} | {'p50 ms':>8} | {'p99 ms':>8} | {'vs REST v2':>10} | {'vs bare':>7} |"  # noqa: E501
    say(header)
    say("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
    for name, result in results.items():
        say(
            f"| {name:<38} | {result['rate']:>8.1f} | {result['p50']:>8.1f} | "
            f"{result['p99']:>8.1f} | {result['rate'] / rest:>9.2f}x | "
            f"{result['rate'] / bare:>6.0%} |"
        )
    say(
        f"\nFull pull of {articles} articles (pages of 100, full fields, uncached): "
        f"{scale['pull']:.2f} s"
    )
    say(
        f"Incremental sync of {SYNC_CHANGES} changes among {articles} articles "
        f"(full fields): {scale['sync']:.2f} s"
    )
    memory = scale["memory"]
    say(
        "Worker resident memory (MiB) after N requests of mixed traffic: "
        + ", ".join(f"{count}: {kib / 1024:.1f}" for count, kib in memory.items())
    )
    counts = sorted(memory)
    growth = (memory[counts[-1]] - memory[counts[-2]]) / 1024
    checks = [
        *(
            (
                f"{name} >= 3x REST v2 detail",
                results[name]["rate"] / rest >= 3,
                f"{results[name]['rate'] / rest:.2f}x",
            )
            for name in results
            if name.endswith("uncached") and "detail" in name
        ),
        *(
            (
                f"{name} >= 80% of the bare view, p99 < 10 ms",
                results[name]["rate"] / bare >= 0.8 and results[name]["p99"] < 10,
                f"{results[name]['rate'] / bare:.0%}, p99 {results[name]['p99']:.1f} ms",
            )
            for name in results
            if name.endswith("cached") and not name.endswith("uncached")
        ),
        (
            f"full pull of {articles} articles < {PULL_TARGET_SECONDS:.0f} s",
            scale["pull"] < PULL_TARGET_SECONDS,
            f"{scale['pull']:.2f} s",
        ),
        (
            f"incremental sync of {SYNC_CHANGES} changes < {SYNC_TARGET_SECONDS:.0f} s",
            scale["sync"] < SYNC_TARGET_SECONDS,
            f"{scale['sync']:.2f} s",
        ),
        (
            f"no memory growth from request {counts[-2]} to {counts[-1]} (< 1 MiB)",
            growth < 1,
            f"{growth:+.1f} MiB",
        ),
    ]
    say("")
    for label, met, value in checks:
        say(f"{'met   ' if met else 'MISSED'}  {label}: {value}")


def bench_environment(workdir):
    """The environment of every benchmark process: ``bench.settings`` on a database in
    ``workdir`` (or ``DATABASE_URL``), production settings' requirements provided."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": os.environ.get("DATABASE_URL")
        or f"sqlite:///{Path(workdir) / 'bench.sqlite3'}",
        "DATABASE_CONN_MAX_AGE": "600",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "BENCH_WORKDIR": workdir,
        "SYNC_OVERLAP_SECONDS": "0",  # the sync scenario counts exactly the changes made
        # gunicorn.conf.py recycles a worker every ~2,000 requests; with one worker, each
        # restart (1-2 s of start-up) stalls every connection and lands in p99, and a fresh
        # worker hides memory growth. The benchmark measures requests, not recycling.
        "GUNICORN_MAX_REQUESTS": "0",
        # The load generator is one client address: exempt from the rate limit.
        "GRAPHQL_RATE_LIMIT_EXEMPT": "127.0.0.1",
        "PYTHONPATH": str(REPO),
    }


@contextmanager
def prepared_database(articles, keep=False, prefix="cms-bench-"):
    """The benchmark environment (``bench_environment``) on a migrated database seeded
    with ``articles`` articles, in a temporary folder removed afterwards unless ``keep``."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    env = bench_environment(workdir)
    try:
        say(f"Machine: {machine_description()}")
        say(f"Database: {env['DATABASE_URL']}; cache: {env.get('REDIS_URL') or 'local memory'}")
        prepare_database(env, articles)
        yield env
        say(f"\nLoad average at the end: {load_average()}")
    finally:
        if keep:
            say(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def load_average():
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def prepare_database(env, articles):
    """Migrates the benchmark database and seeds ``articles`` articles (bench/seed.py)."""
    say("== migrate")
    python = [sys.executable]
    subprocess.run(
        [*python, "manage.py", "migrate", "--noinput", "-v0"], cwd=REPO, env=env, check=True
    )
    say(f"== seed {articles} articles")
    subprocess.run([*python, "-m", "bench.seed", str(articles)], cwd=REPO, env=env, check=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Benchmark the GraphQL API (see README).")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8610")))
    parser.add_argument(
        "--requests", type=int, default=MEMORY_REQUESTS, help="of the memory scenario"
    )
    parser.add_argument(
        "--smoke", action="store_true", help="20 articles, 2 s per scenario, 1,000 requests"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    args = parser.parse_args(argv)
    if args.smoke:
        args.articles, args.duration, args.requests = 20, 2, 1000
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    with prepared_database(args.articles, keep=args.keep) as env:
        say(f"== gunicorn on 127.0.0.1:{args.port}, one sync worker")
        with Server(env, args.port) as server:
            seed = server.get_json(graphql_path(DETAIL, {"slug": SEED_SLUG}))
            page_id = seed["data"]["article"]["id"]
            detail = graphql_path(DETAIL, {"slug": SEED_SLUG, "nonce": NONCE})
            page_detail = graphql_path(PAGE_DETAIL, {"slug": SEED_SLUG, "nonce": NONCE})
            scenarios = [
                ("bare view", "/bench/bare/", False),
                ("REST v2 detail", f"/api/v2/pages/{page_id}/", False),
                ("GraphQL detail, uncached", detail, True),
                ("GraphQL detail, cached", graphql_path(DETAIL, {"slug": SEED_SLUG}), False),
                ("GraphQL page(slug:) detail, uncached", page_detail, True),
                (
                    "GraphQL page(slug:) detail, cached",
                    graphql_path(PAGE_DETAIL, {"slug": SEED_SLUG}),
                    False,
                ),
                (
                    "GraphQL list of 100, uncached",
                    graphql_path(LISTING, {"page": 1, "nonce": NONCE}),
                    True,
                ),
            ]
            check_scenarios(server, scenarios)
            results = {}
            for name, path, unique in scenarios:
                say(f"== {name}: {args.duration} s, {args.connections} connections")
                results[name] = run_wrk(
                    server, path, args.duration, args.connections, env["BENCH_WORKDIR"], unique
                )
                say(f"   {results[name]['rate']:.1f} req/s ({results[name]['requests']} requests)")
            say(f"== full pull of {args.articles} articles")
            scale = {"pull": full_pull(server, args.articles)}
            say(f"== incremental sync of {SYNC_CHANGES} changes")
            scale["sync"] = incremental_sync(server, env, SYNC_CHANGES)
            say(f"== resident memory over {args.requests} requests")
            scale["memory"] = memory_after_requests(
                server, args.articles, args.requests, args.connections
            )
        say("")
        print_table(results, scale, args.articles)


if __name__ == "__main__":
    main()
