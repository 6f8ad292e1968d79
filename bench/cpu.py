"""CPU time per request, in-process: what each request costs the worker, without the network.

    python bench/cpu.py                    # 1,000 articles, best of 3 rounds
    python bench/cpu.py --articles 200 --rounds 5

Prepares the benchmark database as ``bench/run.py`` does (``bench.settings``, a temporary
SQLite database or ``DATABASE_URL``), then calls the WSGI application directly, as gunicorn's
worker does, with the same request paths as ``bench/run.py``, and reports the process CPU
time per request (``time.process_time``) of the best round. CPU time is far less sensitive
to other work on the machine than wall-clock throughput, so before/after comparisons of one
change hold up on a loaded machine; the throughput of ``bench/run.py`` does not.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import (  # noqa: E402 (the repository on the path first)
    DETAIL,
    LISTING,
    NONCE,
    PAGE_DETAIL,
    SEED_SLUG,
    graphql_path,
    prepared_database,
    say,
)


def scenarios(requests):
    """``(name, path, requests per round)``; ``NONCE`` makes each request its own."""
    many, few = requests, max(requests // 20, 5)
    return [
        ("bare view", "/bench/bare/", many),
        ("article(slug:) full, cached", graphql_path(DETAIL, {"slug": SEED_SLUG}), many),
        ("page(slug:) full, cached", graphql_path(PAGE_DETAIL, {"slug": SEED_SLUG}), many),
        (
            "article(slug:) full, uncached",
            graphql_path(DETAIL, {"slug": SEED_SLUG, "nonce": NONCE}),
            few,
        ),
        (
            "page(slug:) full, uncached",
            graphql_path(PAGE_DETAIL, {"slug": SEED_SLUG, "nonce": NONCE}),
            few,
        ),
        (
            "list of 100 full articles, uncached",
            graphql_path(LISTING, {"page": 1, "nonce": NONCE}),
            max(few // 10, 3),
        ),
    ]


def environ_for(path):
    path_info, _, query_string = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query_string,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8610",
        "HTTP_HOST": "127.0.0.1:8610",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def call(application, path):
    """One request through the WSGI application; its status line and body."""
    status = []
    result = application(environ_for(path), lambda line, headers, *exc: status.append(line))
    try:
        body = b"".join(result)
    finally:
        result.close()
    return status[0], body


def cpu_per_request(application, path, count, counter):
    started = time.process_time()
    for _ in range(count):
        counter[0] += 1
        call(application, path.replace(NONCE, str(counter[0])))
    return (time.process_time() - started) / count


def measure(requests, rounds):
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    counter = [0]
    results = {}
    for name, path, count in scenarios(requests):
        status, body = call(application, path.replace(NONCE, "warm-up"))
        if not status.startswith("200") or b'"errors"' in body:
            raise SystemExit(f"{name}: {status} {body[:300]!r}")
        best = min(cpu_per_request(application, path, count, counter) for _ in range(rounds))
        results[name] = best
        say(f"  {name:<38} {best * 1000:>9.3f} ms CPU per request ({count} a round)")
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=2000, help="per round, cached")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    args = parser.parse_args(argv)
    with prepared_database(args.articles, keep=args.keep, prefix="cms-bench-cpu-") as env:
        os.environ.update(env)
        import django

        django.setup()
        say(f"== CPU time per request, best of {args.rounds} rounds")
        measure(args.requests, args.rounds)


if __name__ == "__main__":
    main()
