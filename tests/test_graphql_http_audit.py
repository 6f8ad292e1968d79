"""The graphql-http server audit (npm ``graphql-http``, pinned in tests/node) passes in full
against a live server: every MUST and SHOULD of the GraphQL-over-HTTP spec it checks."""

import pytest

from tests.node_projects import npm_project, run

# A live server needs committed data: transactional, restoring the migrated rows after.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.node,
]


def test_graphql_http_audit_passes_in_full(live_server):
    project = npm_project("tests/node")
    result = run(
        ["node", "--test", "--test-reporter=spec", "graphql-http-audit.test.mjs"],
        cwd=project,
        env={"GRAPHQL_URL": f"{live_server.url}/graphql"},
    )
    print(result.stdout[-3000:])
    assert "# fail 0" in result.stdout or "ℹ fail 0" in result.stdout
