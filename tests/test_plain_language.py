"""Plain-language figures: what is measured, the API field, the editor's Checks panel and
the warning on submit (``articles.readability``)."""

import math
import re

import pytest
from django.test import override_settings
from wagtail.models import WorkflowState

from articles.models import ArticlePage
from articles.readability import WORDS_PER_MINUTE, measure_article, measure_text, measured_text
from articles.readability import textstat as load_textstat

from .admin_forms import article_form
from .factories import ARTICLE_SLUG, FIRST_ROW

pytestmark = pytest.mark.django_db

READABILITY = """query($slug: String!) {
  article(slug: $slug) { readability { gradeLevel readingEase readingTimeMinutes } }
}"""
# One long sentence of long words: far above grade 8.
DENSE_INTRO = (
    "<p>Immunotherapeutic interventions characteristically necessitate comprehensive "
    "multidisciplinary evaluation, individualised pharmacological administration and "
    "continuous haematological monitoring throughout prolonged therapeutic engagement.</p>"
)
PLAIN_INTRO = "<p>This is a short text. It is easy to read. You can read it fast.</p>"


def test_what_is_measured(seed_article):
    text = measured_text(seed_article)
    lines = text.splitlines()
    assert lines[0] == "Immunotherapy helps the immune system fight myeloma cells."
    assert "Several immunotherapies treat multiple myeloma." in lines
    assert "Side effects are usually mild and short-lived." in lines
    # Each table cell is a sentence of its own.
    assert all(f"{cell}." in lines for cell in FIRST_ROW.values())
    # Headings, captions and the disclaimer are not prose readers read as such.
    for left_out in ("Types of Immunotherapy", "Comparison of Immunotherapy", "disclaimer"):
        assert left_out not in text
    assert "not medical advice" not in text


def test_the_figures_are_textstats_and_reading_time_is_in_whole_minutes():
    text = "The cat sat on the mat. It was a sunny day, and the cat was happy."
    figures = measure_text(text)
    assert figures.grade_level == round(load_textstat().flesch_kincaid_grade(text), 1)
    assert figures.reading_ease == round(load_textstat().flesch_reading_ease(text), 1)
    assert (figures.word_count, figures.reading_time_minutes) == (16, 1)
    long_text = " ".join(["Words are read."] * 80)  # 240 words
    assert measure_text(long_text).reading_time_minutes == math.ceil(240 / WORDS_PER_MINUTE)
    assert measure_text("   ").reading_time_minutes == 0


def test_the_api_serves_the_published_versions_figures(graphql, seed_article):
    published_figures = measure_article(ArticlePage.objects.get(pk=seed_article.pk))
    draft = seed_article.get_latest_revision_as_object()
    draft.intro = DENSE_INTRO
    draft.save_revision()

    served = graphql.execute(READABILITY, {"slug": ARTICLE_SLUG})["article"]["readability"]
    assert served == {
        "gradeLevel": published_figures.grade_level,
        "readingEase": published_figures.reading_ease,
        "readingTimeMinutes": published_figures.reading_time_minutes,
    }
    assert measure_article(draft).grade_level > published_figures.grade_level


def checks_panel(response):
    html = response.content.decode()
    start = html.index("data-plain-language-checks")
    return html[start : html.index("</section>", start)]


def test_the_checks_panel_shows_grade_level_and_target(login, seed_article):
    editor = login("editor")
    draft = seed_article.get_latest_revision_as_object()
    draft.intro = DENSE_INTRO
    draft.save_revision()
    figures = measure_article(draft)
    assert figures.above_target

    response = editor.get(f"/admin/pages/{seed_article.pk}/edit/")
    assert response.status_code == 200
    panel = checks_panel(response)
    grade = re.search(r"data-plain-language-grade>([^<]*)<", panel).group(1)
    ease = re.search(r"data-plain-language-ease>([^<]*)<", panel).group(1)
    assert (float(grade), float(ease)) == (figures.grade_level, figures.reading_ease)
    assert "8 or below" in panel
    assert "Above the target" in re.search(r"data-plain-language-verdict>([^<]*)<", panel)[1]
    assert "articles/js/plain-language-checks.js" in panel
    # Wagtail's own metrics are still there: the panel is extended, not replaced.
    assert "data-content-readability-score" in response.content.decode()


def test_snippets_checks_panel_has_no_plain_language_figures(login, seed_article):
    response = login("editor").get(
        f"/admin/snippets/articles/condition/edit/{seed_article.condition_id}/"
    )
    assert response.status_code == 200
    assert "data-plain-language-checks" not in response.content.decode()


def test_the_preview_carries_the_figures_of_the_previewed_version(login, seed_article):
    """The Checks panel measures the preview: the reader template gives it the unsaved
    version's figures (hidden, inside <main>, which Wagtail measures)."""
    editor = login("editor")
    url = f"/admin/pages/{seed_article.pk}/edit/preview/"
    form = article_form(seed_article)
    form["intro"] = form["intro"].replace(
        "Immunotherapy helps the immune system fight myeloma cells.",
        re.sub("<[^>]+>", "", DENSE_INTRO),
    )
    assert editor.post(url, form).json()["is_valid"]
    html = editor.get(url).content.decode()

    main = html[html.index("<main>") : html.index("</main>")]
    figures = re.search(r"<div hidden data-plain-language ([^>]*)>", main).group(1)
    attributes = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', figures))
    previewed = seed_article.get_latest_revision_as_object()
    previewed.intro = DENSE_INTRO
    expected = measure_article(previewed)
    assert attributes == {
        "grade-level": str(expected.grade_level),
        "reading-ease": str(expected.reading_ease),
        "reading-time": str(expected.reading_time_minutes),
        "target-grade": "8",
    }
    # Readers never get it: only previews do.
    assert "data-plain-language" not in editor.get(seed_article.url).content.decode()


def submit(client, article, intro):
    form = article_form(article)
    form["intro"] = form["intro"].replace(
        "Immunotherapy helps the immune system fight myeloma cells.",
        re.sub("<[^>]+>", "", intro),
    )
    return client.post(
        f"/admin/pages/{article.pk}/edit/", {**form, "action-submit": "action-submit"}, follow=True
    )


def warnings_in(response):
    return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


def test_submitting_above_the_target_warns_but_submits(login, seed_article):
    response = submit(login("editor"), seed_article, DENSE_INTRO)
    assert response.status_code == 200
    (warning,) = [w for w in warnings_in(response) if w.startswith("Plain language")]
    assert "above the target of 8" in warning
    assert "the medical reviewer decides" in warning
    state = WorkflowState.objects.get(object_id=str(seed_article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_submitting_at_the_target_says_nothing(login, seed_article):
    """Only a grade above the target warns."""
    version = seed_article.get_latest_revision_as_object()
    version.intro = PLAIN_INTRO
    grade = measure_article(version).grade_level
    with override_settings(ARTICLE_TARGET_GRADE=grade):
        response = submit(login("editor"), seed_article, PLAIN_INTRO)
    assert not [w for w in warnings_in(response) if w.startswith("Plain language")]


def test_the_target_is_a_setting(login, seed_article):
    with override_settings(ARTICLE_TARGET_GRADE=40):
        response = submit(login("editor"), seed_article, DENSE_INTRO)
    assert not [w for w in warnings_in(response) if w.startswith("Plain language")]


def test_saving_a_draft_does_not_warn(login, seed_article):
    form = article_form(seed_article)
    response = login("editor").post(f"/admin/pages/{seed_article.pk}/edit/", form, follow=True)
    assert not [w for w in warnings_in(response) if w.startswith("Plain language")]
