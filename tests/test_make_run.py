"""`make run PORT=8100` serves on that port and prints URLs with it (a dry run of make)."""

import shutil
import subprocess

import pytest

from cms.settings.base import BASE_DIR


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("port", ["8000", "8100"])
def test_make_run_follows_the_port(port):
    args = ["make", "-n", "run"] if port == "8000" else ["make", "-n", "run", f"PORT={port}"]
    dry_run = subprocess.run(  # noqa: S603 (fixed command)
        args, cwd=BASE_DIR, capture_output=True, text=True, check=True
    ).stdout
    assert f"manage.py runserver 127.0.0.1:{port}" in dry_run
    assert f"http://127.0.0.1:{port}/admin/" in dry_run
    assert f"http://127.0.0.1:{port}/graphql/" in dry_run
    assert f"http://127.0.0.1:{port}/graphiql/" in dry_run
    other = "8100" if port == "8000" else "8000"
    assert f"127.0.0.1:{other}" not in dry_run
