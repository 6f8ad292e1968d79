"""The layering the README's "Architecture" section draws, checked on the source.

The delivery app is the API layer: content apps plug into it (``prepare_for_delivery``,
``register_schema_query``, Grapple's registry) and it never imports them; the project
package ``cms`` is wiring only and imports no app.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT_APPS = {"articles", "home", "editorial", "webhooks", "demo"}


def imported_top_level_names(package):
    """(module path, imported top-level package) for every import in a package's code,
    imports inside functions included (they only hide a dependency)."""
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and not node.level and node.module:
                yield path.relative_to(ROOT), node.module.partition(".")[0]
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    yield path.relative_to(ROOT), alias.name.partition(".")[0]


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [("delivery", CONTENT_APPS), ("cms", CONTENT_APPS | {"delivery"})],
)
def test_lower_layers_never_import_the_apps_above_them(package, forbidden):
    offending = [
        f"{path} imports {name}"
        for path, name in imported_top_level_names(package)
        if name in forbidden
    ]
    assert offending == []
