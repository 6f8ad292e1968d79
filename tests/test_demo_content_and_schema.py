import io
import json

import pytest
from django.core.management import call_command
from graphql import print_schema
from wagtail.models import Page, Revision

from articles.models import ArticlePage, Condition, Disclaimer, TrustedSource
from cms.settings.base import BASE_DIR
from delivery.possible_types import possible_types_json
from delivery.schema import schema

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "conditions": Condition.objects.count(),
        "disclaimers": Disclaimer.objects.count(),
        "sources": TrustedSource.objects.count(),
    }


def test_load_demo_content_is_idempotent():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "14 created, 0 unchanged" in out.getvalue()
    first = snapshot()
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "0 created, 14 unchanged" in out.getvalue()
    assert snapshot() == first
    article = ArticlePage.objects.get(slug="immunotherapy-for-multiple-myeloma")
    assert article.live and not article.has_unpublished_changes
    assert article.get_parent().get_parent().specific.__class__.__name__ == "HomePage"


def test_load_demo_content_never_overwrites_an_edit(seed_file_article):
    seed_file_article.title = "Edited by an editor"
    seed_file_article.save_revision().publish()
    call_command("load_demo_content", stdout=io.StringIO())
    seed_file_article.refresh_from_db()
    assert seed_file_article.title == "Edited by an editor"


def test_committed_schema_file_matches_the_running_schema():
    committed = (BASE_DIR / "schema.graphql").read_text(encoding="utf-8")
    assert committed == print_schema(schema.graphql_schema), (
        "schema.graphql is stale: run `python manage.py graphql_schema` and commit it"
    )


def test_committed_possible_types_match_the_running_schema():
    committed = (BASE_DIR / "possibleTypes.json").read_text(encoding="utf-8")
    assert committed == possible_types_json(schema.graphql_schema), (
        "possibleTypes.json is stale: run `python manage.py graphql_schema` and commit it"
    )
    assert json.loads(committed)["ArticleBodyBlock"] == ["ComparisonTableBlock", "SectionBlock"]


def test_schema_command_writes_the_sdl_and_possible_types(tmp_path):
    out = io.StringIO()
    call_command("graphql_schema", out=str(tmp_path / "schema.graphql"), stdout=out)
    assert (tmp_path / "schema.graphql").read_text() == print_schema(schema.graphql_schema)
    written = json.loads((tmp_path / "possibleTypes.json").read_text())
    assert written["PageInterface"] == ["ArticleIndexPage", "ArticlePage", "HomePage", "Page"]
    assert "possibleTypes.json" in out.getvalue()
