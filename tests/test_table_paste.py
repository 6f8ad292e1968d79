"""The comparison table editor's paste parser (articles/static/articles/table-paste.js),
unit-tested with node:test in tests/node/table-paste.test.mjs (no packages needed)."""

from .node_projects import REPO, require_node, run


def test_the_paste_parser_passes_its_unit_tests():
    require_node()
    result = run(["node", "--test", "tests/node/table-paste.test.mjs"], cwd=REPO, timeout=60)
    assert "# fail 0" in result.stdout
    assert "# pass 13" in result.stdout
