"""The typed app client in examples/app-client (TypeScript: GraphQL Code Generator and
Apollo Client, pinned in its package-lock.json) type-checks and runs against a live server:
codegen over schema.graphql, ``tsc --noEmit``, then its node:test suite."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.node_projects import npm_project, run
from tests.test_preview import FRONTEND, preview_url, token_from

# A live server needs committed data: transactional, restoring the migrated rows after.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.node,
]

SLUG = "immunotherapy-for-multiple-myeloma"
DRAFT_TITLE = "Draft title from the app client test"


@pytest.fixture
def preview_token(settings):
    """A real preview token, from pressing Preview in the admin on an edited draft."""
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": FRONTEND},
        "REDIRECT_ON_PREVIEW": False,
        "ENFORCE_TRAILING_SLASH": True,
    }
    call_command("load_demo_content", stdout=io.StringIO())
    from articles.models import ArticlePage

    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("root", "r@example.com", "pw"))
    article = ArticlePage.objects.get(slug=SLUG)
    return token_from(preview_url(admin, article, title=DRAFT_TITLE))


def test_app_client_type_checks_and_runs_against_a_live_server(live_server, preview_token):
    project = npm_project("examples/app-client")
    run(["npm", "run", "codegen"], cwd=project)
    run(["npm", "run", "typecheck"], cwd=project)
    result = run(
        ["npm", "test"],
        cwd=project,
        env={
            "GRAPHQL_URL": f"{live_server.url}/graphql",
            "ARTICLE_SLUG": SLUG,
            "PREVIEW_TOKEN": preview_token,
            "PREVIEW_TITLE": DRAFT_TITLE,
        },
    )
    print(result.stdout[-3000:])
    assert "# fail 0" in result.stdout
