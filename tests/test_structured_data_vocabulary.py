"""Every ``@type`` and property of ``structuredData`` exists in the schema.org vocabulary.

No network at test time: the vocabulary is the ``schema-dts`` npm package (Google's
TypeScript definitions generated from schema.org, pinned in tests/node with its lockfile).
The article's JSON-LD, fetched over HTTP, is written out as a TypeScript object literal
typed ``WithContext<MedicalWebPage>`` and type-checked with ``tsc --noEmit``: TypeScript
refuses a property or ``@type`` that the vocabulary does not have. To follow a newer
schema.org release, bump ``schema-dts`` in tests/node/package.json and run ``npm install``.
"""

import json

import pytest
from django.test import override_settings
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from articles.models import PublisherSettings
from tests.node_projects import npm_project, run

from .factories import ARTICLE_SLUG

pytestmark = [pytest.mark.django_db, pytest.mark.node]

STRUCTURED = """query($slug: String!) { article(slug: $slug) { structuredData } }"""


def typecheck(tmp_path, document):
    """Run tsc over ``document`` typed as a schema.org MedicalWebPage; the completed
    process (``returncode`` 0 when the vocabulary has everything it uses)."""
    project = npm_project("tests/node")
    schema_dts = project / "node_modules" / "schema-dts"
    (tmp_path / "sample.ts").write_text(
        'import type { MedicalWebPage, WithContext } from "schema-dts";\n\n'
        f"export const page: WithContext<MedicalWebPage> = {json.dumps(document, indent=2)};\n",
        encoding="utf-8",
    )
    (tmp_path / "tsconfig.json").write_text(
        json.dumps(
            {
                "compilerOptions": {
                    "strict": True,
                    "noEmit": True,
                    "module": "esnext",
                    "moduleResolution": "bundler",
                    "target": "es2022",
                    "types": [],
                    "paths": {"schema-dts": [str(schema_dts)]},
                },
                "files": ["sample.ts"],
            }
        ),
        encoding="utf-8",
    )
    tsc = project / "node_modules" / ".bin" / "tsc"
    try:
        run([str(tsc), "-p", str(tmp_path / "tsconfig.json")], cwd=tmp_path)
    except pytest.fail.Exception as failure:
        return str(failure)
    return None


@pytest.fixture
def document(graphql, seed_file_article):
    """The seed article's JSON-LD with every optional part present (publisher logo,
    reviewer, condition, sources, disclaimer)."""
    logo = Image.objects.create(title="Logo", file=get_test_image_file(size=(300, 100)))
    PublisherSettings.objects.create(
        site=Site.objects.get(), name="Myeloma Help", url="https://example.org", logo=logo
    )
    with override_settings(FRONTEND_BASE_URL="https://read.example.org"):
        data = graphql.execute(STRUCTURED, {"slug": ARTICLE_SLUG})
    document = json.loads(data["article"]["structuredData"])
    assert {"publisher", "reviewedBy", "about", "citation", "hasPart"} <= document.keys()
    assert "logo" in document["publisher"]
    return document


def test_the_json_ld_uses_only_schema_org_types_and_properties(tmp_path, document):
    assert typecheck(tmp_path, document) is None


@pytest.mark.parametrize(
    "change",
    [
        {"medicalDisclaimer": "Not a schema.org property"},
        {"about": {"@type": "HealthCondition", "name": "Not a schema.org type"}},
        {"citation": [{"@type": "CreativeWork", "title": "CreativeWork has no title"}]},
    ],
    ids=["unknown property", "unknown type", "unknown nested property"],
)
def test_the_check_refuses_what_the_vocabulary_lacks(tmp_path, document, change):
    failure = typecheck(tmp_path, {**document, **change})
    assert failure is not None and "sample.ts" in failure
