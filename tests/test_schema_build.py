"""The schema is built once the apps are ready, whatever is imported first.

Each order runs in a fresh interpreter (the schema is per process) and prints the schema
graphene-django serves (``GRAPHENE["SCHEMA"]``); every one must equal the committed
``schema.graphql``.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

SETUP = "import django\ndjango.setup()\n"
PRINT_SERVED_SCHEMA = """
from graphene_django.settings import graphene_settings
from graphql import print_schema
import delivery.schema
assert graphene_settings.SCHEMA is delivery.schema.schema
print(print_schema(graphene_settings.SCHEMA.graphql_schema), end="")
"""

IMPORT_ORDERS = {
    "content models first": SETUP
    + "import articles.models, home.models, editorial.models, webhooks.models\n"
    + "import articles.wagtail_hooks, articles.queries\n",
    "delivery.schema first": SETUP + "import delivery.schema\nimport articles.models\n",
    # A content app touching the schema module while apps are still loading: before the
    # schema was built in DeliveryConfig.ready(), this built it without Grapple's types.
    "delivery.schema imported while apps load": """
import articles.apps
ready = articles.apps.ArticlesConfig.ready
def ready_importing_the_schema(self):
    import delivery.schema
    ready(self)
articles.apps.ArticlesConfig.ready = ready_importing_the_schema
"""
    + SETUP,
}


@pytest.fixture(scope="module")
def served_schemas():
    """The schema each import order serves, run side by side (each pays Django's setup)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    running = {
        name: subprocess.Popen(  # noqa: S603 - our own script, in our interpreter
            [sys.executable, "-c", script + PRINT_SERVED_SCHEMA],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, script in IMPORT_ORDERS.items()
    }
    return {name: process.communicate(timeout=300) for name, process in running.items()}


@pytest.mark.parametrize("order", IMPORT_ORDERS)
def test_every_import_order_serves_the_committed_schema(served_schemas, order):
    stdout, stderr = served_schemas[order]
    assert stdout, stderr[-2000:]
    assert stdout == (BASE_DIR / "schema.graphql").read_text(encoding="utf-8")
