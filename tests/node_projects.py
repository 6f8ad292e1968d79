"""Node projects the Python suite runs (npm ci, then node): the GraphQL-over-HTTP audit,
the schema linter and the example app client.

Node and npm are part of the machine (README "Two commands"); where they are missing the
tests say so and skip, except in CI (``CI`` set), where they fail.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NODE_TIMEOUT_SECONDS = 600


def require_node():
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if missing:
        message = f"{' and '.join(missing)} not installed: the Node checks cannot run"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def run(command, cwd, env=None, timeout=NODE_TIMEOUT_SECONDS):
    """Run a Node command; fail the test with its output (the end of it) if it fails."""
    result = subprocess.run(  # noqa: S603 (fixed commands, no shell)
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-8000:]
        pytest.fail(f"{' '.join(command)} failed in {cwd}:\n{output}")
    return result


def npm_project(relative_path):
    """The project's directory, with exactly its locked packages installed (``npm ci``
    when ``node_modules`` is missing or older than ``package-lock.json``)."""
    require_node()
    project = REPO / relative_path
    installed = project / "node_modules" / ".package-lock.json"
    lock = project / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        run(["npm", "ci", "--no-audit", "--no-fund"], cwd=project)
    return project
