"""``import_article``: documents become draft articles, or nothing at all with an error
that names the line. Run as editors run it: ``call_command`` and, once, ``manage.py``."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils.html import strip_tags
from wagtail.models import Page, Revision, WorkflowState

from articles.demo.seed import SEED_ARTICLE, SUBSECTION_HEADINGS
from articles.importing import MAX_DOCUMENT_BYTES, DocumentError, parse_document
from articles.models import ArticlePage, Disclaimer
from tests.word_documents import word_version

pytestmark = pytest.mark.django_db

DOCUMENTS = Path(__file__).resolve().parent / "documents"
MARKDOWN = DOCUMENTS / "living-with-myeloma.md"
SEED_SUBSECTIONS = [
    option for heading in SUBSECTION_HEADINGS for option in ("--subsection", heading)
]


def run_import(*arguments):
    out = io.StringIO()
    call_command("import_article", *map(str, arguments), stdout=out)
    return out.getvalue()


def text(rich_text):
    return " ".join(strip_tags(str(rich_text)).split())


def outline_of(article):
    """What an article says, as the document said it: headings, paragraphs' text, rows."""
    body = []
    for block in article.body:
        value = block.value
        if block.block_type == "section":
            subsections = [(s["heading"], text(s["body"].source)) for s in value["subsections"]]
            body.append((value["heading"], text(value["body"].source), subsections))
        else:
            body.append((value["caption"], [dict(row) for row in value["rows"]]))
    return {
        "title": article.title,
        "subtitle": article.subtitle,
        "intro": text(article.intro),
        "body": body,
        "disclaimer": article.disclaimer_id,
        "condition": article.condition_id,
    }


def counts():
    return Page.objects.count(), Revision.objects.count(), WorkflowState.objects.count()


def test_the_seed_file_imports_as_the_demo_article(seed_file_article):
    demo = seed_file_article
    with pytest.raises(CommandError, match="already exists"):  # same title, same slug
        run_import(SEED_ARTICLE, *SEED_SUBSECTIONS)
    ArticlePage.objects.filter(pk=demo.pk).update(slug="demo-copy")

    out = run_import(SEED_ARTICLE, *SEED_SUBSECTIONS)

    imported = ArticlePage.objects.get(slug="immunotherapy-for-multiple-myeloma")
    assert outline_of(imported) == outline_of(demo)
    assert not imported.live and imported.has_unpublished_changes
    assert imported.latest_revision is not None and imported.workflow_in_progress is False
    assert len(imported.summary) <= 300
    assert text(demo.intro).startswith(imported.summary.removesuffix("…"))
    assert "The last paragraph is the disclaimer 'Medical disclaimer': linked." in out
    assert "3 sections, 3 subsections, 1 comparison table(s) with 3 rows." in out
    assert "Not submitted" in out


def test_a_markdown_document_becomes_a_draft_with_levels_from_its_marks(demo_content):
    out = run_import(MARKDOWN)
    article = ArticlePage.objects.get(slug="living-with-multiple-myeloma")
    outline = outline_of(article)
    assert outline["title"] == "Living with Multiple Myeloma"
    assert outline["subtitle"] == "Day-to-Day Care"
    assert outline["intro"].startswith("Many people live for years with multiple myeloma. Daily")
    assert [part[0] for part in outline["body"]] == [
        "Everyday Care",
        "Treatments Compared",
        "When to Call Your Team",
    ]
    assert outline["body"][0][2] == [
        ("Staying Active", "Gentle exercise helps keep bones strong."),
        ("Eating Well", "A balanced diet supports recovery after treatment."),
    ]
    assert outline["body"][1][1][1] == {
        "treatment_type": "Bisphosphonates",
        "mechanism": "Strengthen bones",
        "administration": "Infusion",
        "common_side_effects": "Bone pain",
    }
    # The closing line is the factory site's default disclaimer: linked, not in the text.
    assert article.disclaimer == Disclaimer.objects.get(is_default=True)
    assert "information only" not in outline["body"][-1][1]
    assert article.condition.slug == "multiple-myeloma" and not article.live
    assert "Created draft article 'Living with Multiple Myeloma'" in out


def test_a_closing_paragraph_that_is_no_disclaimer_stays_and_is_reported(demo_content, tmp_path):
    document = tmp_path / "article.md"
    document.write_text(MARKDOWN.read_text().replace("information only", "reading only"))
    out = run_import(document)
    article = ArticlePage.objects.get(slug="living-with-multiple-myeloma")
    assert "This article is for reading only" in text(article.body[-1].value["body"].source)
    assert "matches no disclaimer: it stays in the text" in out
    assert article.disclaimer.is_default


VALID = MARKDOWN.read_text()
MALFORMED = [
    ("no-title.md", "Just a paragraph.\n\n## A\n\nText.", "line 1: the document must start"),
    ("no-title.txt", "An opening sentence.\nHeading\nText.", "line 1: the document must start"),
    (
        "columns.md",
        VALID.replace("| Common side effects |", "| Cost |"),
        "line 22: 'Cost' is not a comparison table column; the columns are: Treatment type, "
        "Mechanism, Administration, Common side effects.",
    ),
    (
        "missing-column.md",
        VALID.replace("| Treatment type | Mechanism", "| Treatment type")
        .replace("| Steroids | Reduce inflammation and kill myeloma cells", "| Steroids")
        .replace("| Bisphosphonates | Strengthen bones", "| Bisphosphonates")
        .replace("|---|---|---|---|", "|---|---|---|"),
        "line 22: the table lacks the column(s) Mechanism",
    ),
    ("cells.md", VALID.replace("| Bone pain |", ""), "line 25: 3 cells for 4 columns."),
    ("level.md", VALID.replace("### Eating Well", "#### Eating Well"), "line 16: heading level 4"),
    ("second-title.md", VALID.replace("## Everyday Care", "# Everyday Care"), "line 8: only the"),
    ("orphan.md", VALID.replace("## Everyday Care", ""), "line 12: subsection 'Staying Active'"),
    ("rule.md", VALID.replace("|---|---|---|---|\n", ""), "line 22: a table's header row needs"),
    (
        "caption.md",
        VALID.replace("## Treatments Compared\n\n", ""),
        "line 20: a table needs a caption",
    ),
    (
        "long-heading.md",
        VALID.replace("## Everyday Care", "## " + "Care " * 30),
        "line 8: section 'Care Care",
    ),
    ("no-intro.md", "# Title: Sub\n\n## Section\n\nText.", "The document has no intro"),
    ("no-section.md", "# Multiple myeloma\n\nIntro.", "The document has no section"),
    ("empty.md", "", "The file is empty."),
    ("blank.txt", "\n  \n", "The file has no text."),
    ("latin1.txt", "Title\nCaf\xe9 au lait.".encode("latin-1"), "line 2: the file is not UTF-8"),
    ("binary.txt", b"Title\n\x00\x01\x02", "line 2: the file holds binary data"),
    ("article.pdf", "%PDF-1.7", "'article.pdf' is not a document the importer reads"),
    ("big.txt", "Title\n" + "A sentence. " * MAX_DOCUMENT_BYTES, "documents may be at most"),
    ("condition.md", VALID.replace("Multiple Myeloma:", "Myeloma:"), "Choose the article's cond"),
    ("fake.docx", "not a zip", "The file is not a readable Word document"),
]


@pytest.mark.parametrize(("name", "content", "message"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_documents_are_refused_with_where_and_nothing_is_created(
    demo_content, tmp_path, name, content, message
):
    document = tmp_path / name
    document.write_bytes(content.encode() if isinstance(content, str) else content)
    before = counts()
    with pytest.raises(CommandError) as refused:
        run_import(document)
    assert message in str(refused.value)
    assert str(refused.value).endswith("Nothing was imported.")
    assert counts() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("T: S\n| a | b |\n|---|---|\nDisclaimer.", "line 2: a table needs a caption"),
        ("T: S\nCaption\n| a | b |\n|---|---|\n| 1 |\nEnd.", "line 5: 1 cells for 2 columns"),
        ("T: S\nIntro.\n### B\nText.", "line 3: subsection 'B' comes before any section"),
    ],
)
def test_plain_text_follows_the_seed_rules(text, message):
    with pytest.raises(DocumentError, match=message):
        parse_document(text)


def test_plain_text_headings_are_sections_unless_marked_or_named():
    outline = parse_document(
        "T\nIntro.\nA\nText.\n### B\n#1 in text.\nC\nText.\nD\nText.", "text", ["D"]
    )
    assert (outline.title, outline.subtitle, outline.intro) == ("T", "", ["Intro."])
    assert [(s.heading, [sub.heading for sub in s.subsections]) for s in outline.body] == [
        ("A", ["B"]),
        ("C", ["D"]),
    ]
    assert outline.body[0].subsections[0].paragraphs == ["#1 in text."]


def test_submit_as_an_editor_starts_medical_review_and_publishes_nothing(demo_users):
    before_live = set(Page.objects.live().values_list("pk", flat=True))
    out = run_import(MARKDOWN, "--user", "editor", "--submit")
    article = ArticlePage.objects.get(slug="living-with-multiple-myeloma")
    assert article.workflow_in_progress and not article.live
    assert article.current_workflow_state.requested_by.username == "editor"
    assert article.latest_revision.user.username == "editor"
    assert set(Page.objects.live().values_list("pk", flat=True)) == before_live
    assert "Submitted to Medical review." in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--user", "reviewer"], "reviewer may not add articles to 'Health articles'."),
        (["--user", "reviewer", "--submit"], "reviewer may not add articles"),
        (["--submit"], "--submit needs --user"),
        (["--user", "nobody"], "No active user 'nobody'."),
        (["--parent", "elsewhere"], "No articles index with the slug 'elsewhere'."),
        (["--condition", "gout"], "No condition with the slug 'gout'."),
    ],
)
def test_the_command_refuses_what_the_user_may_not_do(demo_users, arguments, message):
    before = counts()
    with pytest.raises(CommandError, match=message):
        run_import(MARKDOWN, *arguments)
    assert counts() == before


def test_submit_needs_a_published_disclaimer_and_then_creates_nothing(demo_users):
    Disclaimer.objects.update(live=False)
    before = counts()
    with pytest.raises(CommandError, match="is not published"):
        run_import(MARKDOWN, "--user", "editor", "--submit")
    assert counts() == before


@pytest.mark.slow
def test_manage_py_import_article_in_a_process_of_its_own(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "GRAPHQL_CACHE_GENERATION_FILE", "DATABASE_URL"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PYTHONWARNINGS="ignore",
    )

    def manage(*arguments):
        return subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *map(str, arguments)],
            cwd=settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )

    assert manage("migrate", "--no-input").returncode == 0
    assert manage("load_demo_content", "--with-demo-users").returncode == 0
    imported = manage("import_article", MARKDOWN, "--user", "editor", "--submit")
    assert imported.returncode == 0, imported.stderr
    assert "… reading living-with-myeloma.md" in imported.stdout
    assert "Submitted to Medical review." in imported.stdout
    again = manage("import_article", MARKDOWN)
    assert again.returncode == 1
    assert "already exists" in again.stderr and "Nothing was imported." in again.stderr


def test_a_word_document_imports_like_its_markdown(demo_content, tmp_path):
    document = tmp_path / "living.docx"
    document.write_bytes(word_version())
    out = run_import(document)
    article = ArticlePage.objects.get(slug="living-with-multiple-myeloma")
    outline = outline_of(article)
    assert (outline["title"], outline["subtitle"]) == (
        "Living with Multiple Myeloma",
        "Day-to-Day Care",
    )
    assert outline["body"][0] == (
        "Everyday Care",
        "Small routines make a difference.",
        [("Staying Active", "Gentle exercise helps keep bones strong.")],
    )
    assert outline["body"][1][1] == [
        {
            "treatment_type": "Steroids",
            "mechanism": "Reduce inflammation",
            "administration": "Tablets",
            "common_side_effects": "Trouble sleeping",
        }
    ]
    assert "The last paragraph is the disclaimer 'Medical disclaimer': linked." in out


def test_a_word_heading_level_it_cannot_place_names_the_paragraph(demo_content, tmp_path):
    document = tmp_path / "living.docx"
    document.write_bytes(word_version(subsection_style="Heading4"))
    before = counts()
    with pytest.raises(CommandError, match="paragraph 5: heading level 4 is not supported"):
        run_import(document)
    assert counts() == before


def test_text_after_a_table_needs_a_heading_unless_it_is_the_disclaimer(demo_content, tmp_path):
    table_last = VALID.split("## When to Call")[0]
    document = tmp_path / "after.md"
    document.write_text(table_last + "Ask your team.\n\nSee you soon.\n")
    with pytest.raises(CommandError, match="line 27: a paragraph after a table needs a heading"):
        run_import(document)
    document.write_text(table_last + "Ask your team.\n")
    with pytest.raises(CommandError, match="The last paragraph follows the table"):
        run_import(document)
    document.write_text(table_last + "This article is for information only, not medical advice.")
    assert "is the disclaimer 'Medical disclaimer'" in run_import(document)


def test_an_import_into_the_spanish_index_takes_spanish_disclaimer_and_condition(
    seed_file_site, tmp_path
):
    """The index decides the article's language; its disclaimer and condition follow it."""
    document = tmp_path / "mieloma.md"
    document.write_text(
        "# Vivir con mieloma múltiple\n\nMuchas personas viven años con mieloma múltiple.\n\n"
        "## Cuidados diarios\n\nEl ejercicio suave ayuda.\n",
        encoding="utf-8",
    )

    run_import(document, "--parent", "articulos-de-salud")

    article = ArticlePage.objects.get(title="Vivir con mieloma múltiple")
    assert article.locale.language_code == "es"
    assert article.disclaimer.locale == article.locale and article.disclaimer.is_default
    assert article.condition.locale == article.locale
