"""Adding a comparison-table column means editing ``articles/blocks.py``, then generating the
migration and ``schema.graphql``: everything else derives the columns from the children of
``ComparisonRowBlock``.

Proven on a copy of the project whose ``blocks.py`` gains one optional column, checked in a
fresh interpreter: the migration and schema generators see it, and the reader template,
the demo loader, the test factories and the admin form helpers follow without an edit.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
NEW_COLUMN = (
    '    dosage = blocks.CharBlock(max_length=255, required=False, help_text="How often.")\n'
)

CHECKS = r"""
import json, sys
import django
from django.core.exceptions import ValidationError
from django.core.management import call_command

django.setup()

from articles.blocks import ComparisonRowBlock
from articles.demo.seed import load_seed_article
from articles.importing import Table
from articles.importing.building import article_body, comparison_rows
from tests.admin_forms import table_rows
from tests.factories import ComparisonTableFactory, simple_body

result = {}
try:
    call_command("makemigrations", "articles", "--check", "--dry-run", verbosity=0)
    result["migration_needed"] = False
except SystemExit as exit:
    result["migration_needed"] = exit.code == 1
call_command("graphql_schema", out=sys.argv[1])

table = ComparisonTableFactory(**{"rows__0__dosage": "Weekly"})
result["rendered_table"] = table.block.render(table)
without = simple_body()[1].value
result["factory_row"] = dict(without["rows"][0])
try:
    ComparisonRowBlock().clean(without["rows"][0])
    result["publishes_without_optional_cell"] = True
except ValidationError:
    result["publishes_without_optional_cell"] = False
result["admin_rows"] = table_rows(without, [{"dosage": "Daily"}])
five = Table("Options", ["Treatment type", "Mechanism", "Administration",
                         "Common side effects", "Dosage"], [["A", "B", "C", "D", "E"]])
result["loaded_rows"] = comparison_rows(five)
seed_body = article_body(load_seed_article())
seed_body.stream_block.clean(seed_body)  # the seed's four-column table still publishes
result["seed_row"] = dict(seed_body[1].value["rows"][0])
print(json.dumps(result))
"""


def project_with_new_column(tmp_path):
    """A copy of the project whose ComparisonRowBlock has one more, optional, column."""
    copy = tmp_path / "project"
    shutil.copytree(
        PROJECT,
        copy,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "media", "__pycache__", "*.sqlite3", "bench"
        ),
    )
    blocks_py = copy / "articles" / "blocks.py"
    lines = blocks_py.read_text().splitlines(keepends=True)
    last_column = next(i for i, line in enumerate(lines) if "common_side_effects = " in line)
    lines.insert(last_column + 1, NEW_COLUMN)
    blocks_py.write_text("".join(lines))
    return copy


@pytest.fixture(scope="module")
def with_new_column(tmp_path_factory):
    copy = project_with_new_column(tmp_path_factory.mktemp("column"))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL"}  # SQLite and no cache in the copy
    }
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    schema_file = copy / "schema.graphql"
    completed = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CHECKS, str(schema_file)],
        cwd=copy,
        env={**env, "PYTHONPATH": str(copy)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["schema"] = schema_file.read_text()
    return result


def row_type(schema):
    start = schema.index("type ComparisonRowBlock ")
    return schema[start : schema.index("}", start)]


def test_the_migration_and_schema_generators_see_the_new_column(with_new_column):
    assert with_new_column["migration_needed"]
    row = row_type(with_new_column["schema"])
    assert "dosage: String\n" in row  # nullable: the column is optional
    assert "treatmentType: String!" in row
    committed = row_type((PROJECT / "schema.graphql").read_text())
    assert "dosage" not in committed


def test_the_reader_template_shows_the_new_column(with_new_column):
    html = with_new_column["rendered_table"]
    assert '<th scope="col">Common side effects</th><th scope="col">Dosage</th>' in html
    assert "<td>Weekly</td></tr>" in html


def test_factories_and_admin_form_helpers_fill_the_new_column(with_new_column):
    assert with_new_column["factory_row"]["dosage"] == ""
    assert with_new_column["admin_rows"][0]["dosage"] == "Daily"
    assert with_new_column["admin_rows"][0]["mechanism"] == "Mechanism cell"


def test_an_empty_optional_column_does_not_block_publishing(with_new_column):
    assert with_new_column["publishes_without_optional_cell"] is True


def test_the_demo_loader_reads_the_new_column_and_tables_without_it(with_new_column):
    assert with_new_column["loaded_rows"] == [
        {
            "treatment_type": "A",
            "mechanism": "B",
            "administration": "C",
            "common_side_effects": "D",
            "dosage": "E",
        }
    ]
    assert not with_new_column["seed_row"]["dosage"]
    assert with_new_column["seed_row"]["treatment_type"] == "Cell-Based Therapy"
