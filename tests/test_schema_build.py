"""The schema is built once the apps are ready, whatever is imported first, and a page
type added later exposes no internal field.

Each case runs in a fresh interpreter (the schema is built once per process); they run
side by side, since each pays Django's setup.
"""

import json
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

# A project that adds a page type in an app of its own (no migration needed to build the
# schema), and reports the fields every page type serves.
RECIPES_APP = {
    "recipes/__init__.py": "",
    "recipes/models.py": """
from wagtail.models import Page

class RecipePage(Page):
    parent_page_types = ["home.HomePage"]
""",
    "recipes_settings.py": """
from cms.settings.test import *  # noqa: F403

INSTALLED_APPS = ["recipes", *INSTALLED_APPS]
GRAPPLE = {**GRAPPLE, "APPS": [*GRAPPLE["APPS"], "recipes"]}
""",
}
PRINT_PAGE_TYPE_FIELDS = """
import json
from graphql import GraphQLObjectType
from delivery.schema import schema
types = schema.graphql_schema.type_map
print(json.dumps({
    name: sorted(named.fields)
    for name, named in types.items()
    if isinstance(named, GraphQLObjectType)
    and any(interface.name == "PageInterface" for interface in named.interfaces)
}))
"""


def start(script, **env):
    return subprocess.Popen(  # noqa: S603 - our own script, in our interpreter
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def fresh_interpreters(tmp_path_factory):
    """What each case printed, as ``(stdout, stderr)``."""
    project = tmp_path_factory.mktemp("recipes_project")
    for name, text in RECIPES_APP.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    running = {name: start(script + PRINT_SERVED_SCHEMA) for name, script in IMPORT_ORDERS.items()}
    running["recipes"] = start(
        SETUP + PRINT_PAGE_TYPE_FIELDS,
        DJANGO_SETTINGS_MODULE="recipes_settings",
        PYTHONPATH=os.pathsep.join([str(project), str(BASE_DIR)]),
    )
    return {name: process.communicate(timeout=300) for name, process in running.items()}


@pytest.mark.parametrize("order", IMPORT_ORDERS)
def test_every_import_order_serves_the_committed_schema(fresh_interpreters, order):
    stdout, stderr = fresh_interpreters[order]
    assert stdout, stderr[-2000:]
    assert stdout == (BASE_DIR / "schema.graphql").read_text(encoding="utf-8")


def test_a_new_page_type_exposes_no_internal_field(fresh_interpreters):
    stdout, stderr = fresh_interpreters["recipes"]
    assert stdout, stderr[-2000:]
    fields_by_type = json.loads(stdout)
    assert "RecipePage" in fields_by_type
    # The page-type link Django adds to every page for the new type (page.recipepage)...
    assert [name for name, fields in fields_by_type.items() if "recipepage" in fields] == []
    # ...and, having no fields of its own, the new type serves exactly what a plain page does.
    assert fields_by_type["RecipePage"] == fields_by_type["Page"]
