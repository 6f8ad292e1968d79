"""Translations go live only through Medical review, through the admin's real views.

A translator (the demo editor) asks wagtail-localize for a Spanish translation, translates
every string in its editor, and presses its primary button; publisher and medical reviewer
approve; only then do readers get the Spanish version. Every wagtail-localize path that
would put a translation live directly (its editor's Publish for someone allowed to
publish, "Sync translated pages" with "Publish immediately", converting a translation back
to an alias) is refused or turned into a submission.
"""

from urllib.parse import urlencode

import pytest
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation

from articles.models import ArticlePage, Condition, Disclaimer, TrustedSource

from .factories import spanish_string

PAGE_QUERY = """
query ($id: ID!) {
  page(id: $id) {
    id title
    ... on ArticlePage { disclaimer { id title } condition { name } sources { name url } }
  }
}
"""


@pytest.fixture
def spanish():
    return Locale.objects.get(language_code="es")


def served_page(graphql, page_id):
    return graphql.execute(PAGE_QUERY, {"id": str(page_id)})["page"]


def translation_record(obj, locale):
    return Translation.objects.get(source__object_id=obj.translation_key, target_locale=locale)


def request_translation(client, article, locale):
    """The translator's "Translate" action on the English article (with its snippets)."""
    response = client.post(f"/admin/localize/submit/page/{article.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302, response.content[:3000]
    return ArticlePage.objects.get(translation_key=article.translation_key, locale=locale)


def translate_every_string(client, obj, locale):
    """Type a Spanish version of each string in the translation editor (its string API)."""
    translation = translation_record(obj, locale)
    segments = StringSegment.objects.filter(source=translation.source)
    for segment in segments.select_related("string", "context"):
        value = spanish_string(segment.context.path, segment.string.data)
        type_string(client, translation, segment, value)


def type_string(client, translation, segment, value):
    """What the translation editor sends when a translator saves one string."""
    response = client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content[:1000]


def edit_url(obj):
    if isinstance(obj, Page):
        return f"/admin/pages/{obj.pk}/edit/"
    meta = obj._meta
    return f"/admin/snippets/{meta.app_label}/{meta.model_name}/edit/{obj.pk}/"


def press_primary_button(client, obj):
    """The translation editor's primary button (wagtail-localize's "Publish in …")."""
    response = client.post(edit_url(obj), {"action": "publish"})
    assert response.status_code == 302, response.content[:3000]
    return response


def approve_both_steps(publisher, reviewer, obj):
    for client in (publisher, reviewer):
        fresh = type(obj).objects.get(pk=obj.pk)
        task_state = fresh.current_workflow_state.current_task_state
        if isinstance(obj, Page):
            url = f"/admin/pages/workflow/action/{obj.pk}/approve/{task_state.pk}/"
        else:
            meta = obj._meta
            url = (
                f"/admin/snippets/{meta.app_label}/{meta.model_name}/workflow/action/"
                f"{obj.pk}/approve/{task_state.pk}/"
            )
        response = client.post(url, {"comment": ""})
        assert response.status_code == 302, response.content[:2000]


def spanish_versions(article, locale):
    """The Spanish article and the snippets it shows, as the translator's request made
    them (drafts)."""
    page = ArticlePage.objects.get(translation_key=article.translation_key, locale=locale)
    snippets = [
        model.objects.get(translation_key=original.translation_key, locale=locale)
        for model, original in [
            (Disclaimer, article.disclaimer),
            (Condition, article.condition),
            *[(TrustedSource, link.source) for link in article.source_links.all()],
        ]
    ]
    return page, snippets


def messages_of(response_client):
    response = response_client.get("/admin/")
    return [str(message) for message in response.context["messages"]]


def test_a_translation_reaches_readers_only_after_medical_review(
    login, seed_article, spanish, graphql
):
    editor, publisher, reviewer = login("editor"), login("publisher"), login("reviewer")
    english = ArticlePage.objects.get(pk=seed_article.pk)
    page = request_translation(editor, english, spanish)
    page, snippets = spanish_versions(english, spanish)
    assert not page.live and not any(snippet.live for snippet in snippets)

    for obj in [*snippets, page]:
        translate_every_string(editor, obj, spanish)
    # The translation editor opens for the translator with its primary button (which
    # wagtail-localize shows to those who may publish), labelled for what it does here.
    for obj in (page, snippets[0]):
        response = editor.get(edit_url(obj))
        assert response.status_code == 200
        assert b"&quot;canPublish&quot;: true" in response.content
    catalog = editor.get("/admin/localize/jsi18n/").content.decode()
    assert "Submit for review: " in catalog
    assert served_page(graphql, page.pk) is None

    for snippet in snippets:
        press_primary_button(editor, snippet)
        snippet.refresh_from_db()
        assert not snippet.live, "pressing the button must submit, not publish"
        assert snippet.current_workflow_state is not None
    response = press_primary_button(editor, page)
    assert "Submitted to Medical review" in " ".join(messages_of(editor))
    page.refresh_from_db()
    assert not page.live and page.current_workflow_state is not None
    assert served_page(graphql, page.pk) is None

    for obj in [*snippets, page]:
        approve_both_steps(publisher, reviewer, obj)

    served = served_page(graphql, page.pk)
    assert served["title"] == f"[es] {english.title}"
    assert served["disclaimer"]["title"] == f"[es] {english.disclaimer.title}"
    assert served["condition"]["name"].startswith("[es] ")
    assert all(source["name"].startswith("[es] ") for source in served["sources"])
    page.refresh_from_db()
    assert page.reviewer.username == "reviewer" and page.last_reviewed is not None
    by_language = graphql.execute(
        """query ($slug: String!) {
          es: article(slug: $slug, locale: "es") { id title locale translations { locale } }
        }""",
        {"slug": page.slug},
    )["es"]
    assert by_language["id"] == str(page.pk) and by_language["locale"] == "es"
    assert [version["locale"] for version in by_language["translations"]] == ["en", "es"]
    # The English article is untouched.
    assert served_page(graphql, english.pk)["title"] == english.title


def test_a_publisher_pressing_publish_in_the_translation_editor_only_submits(
    login, seed_article, spanish, graphql
):
    editor, publisher = login("editor"), login("publisher")
    english = ArticlePage.objects.get(pk=seed_article.pk)
    request_translation(editor, english, spanish)
    _page, snippets = spanish_versions(english, spanish)
    disclaimer = snippets[0]
    translate_every_string(editor, disclaimer, spanish)

    press_primary_button(publisher, disclaimer)

    disclaimer.refresh_from_db()
    assert not disclaimer.live
    assert disclaimer.current_workflow_state is not None


def live_spanish_translation(editor, publisher, reviewer, english, spanish):
    """The article translated, submitted and approved with its snippets, as in the admin."""
    request_translation(editor, english, spanish)
    page, snippets = spanish_versions(english, spanish)
    for obj in [*snippets, page]:
        translate_every_string(editor, obj, spanish)
        press_primary_button(editor, obj)
        approve_both_steps(publisher, reviewer, obj)
    page.refresh_from_db()
    assert page.live
    return page


def test_a_live_translation_is_not_changed_by_saving_strings_or_submitting(
    login, seed_article, spanish, graphql
):
    """The live row is what readers get: the translation's next version waits in a draft."""
    editor, publisher, reviewer = login("editor"), login("publisher"), login("reviewer")
    english = ArticlePage.objects.get(pk=seed_article.pk)
    page = live_spanish_translation(editor, publisher, reviewer, english, spanish)
    assert served_page(graphql, page.pk)["title"] == f"[es] {english.title}"

    translation = translation_record(page, spanish)
    title = StringSegment.objects.get(source=translation.source, string__data=english.title)
    type_string(editor, translation, title, "Título sin revisar")
    press_primary_button(editor, page)

    assert served_page(graphql, page.pk)["title"] == f"[es] {english.title}"
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "Título sin revisar"


def test_syncing_translations_never_publishes(login, seed_article, spanish, graphql):
    editor = login("editor")
    english = ArticlePage.objects.get(pk=seed_article.pk)
    request_translation(editor, english, spanish)
    page, _snippets = spanish_versions(english, spanish)
    translate_every_string(editor, page, spanish)
    source = translation_record(page, spanish).source

    response = editor.get(f"/admin/localize/update/{source.pk}/")
    assert response.status_code == 200
    assert b"publish_translations" not in response.content
    response = editor.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert response.status_code == 302

    page.refresh_from_db()
    assert not page.live
    assert served_page(graphql, page.pk) is None


def test_an_article_translation_cannot_become_an_alias_of_its_source(login, seed_article, spanish):
    editor = login("editor")
    english = ArticlePage.objects.get(pk=seed_article.pk)
    page = request_translation(editor, english, spanish)

    response = editor.post(f"/admin/localize/page/{page.pk}/convert_to_alias/")

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.alias_of_id is None
    assert any("cannot become an alias" in message for message in messages_of(editor))


def test_approval_is_refused_without_a_published_disclaimer_in_the_articles_language(
    login, seed_article, spanish, graphql
):
    """Submitted with its Spanish disclaimer, which is then withdrawn before approval."""
    editor, publisher, reviewer = login("editor"), login("publisher"), login("reviewer")
    english = ArticlePage.objects.get(pk=seed_article.pk)
    request_translation(editor, english, spanish)
    page, snippets = spanish_versions(english, spanish)
    for obj in [*snippets, page]:
        translate_every_string(editor, obj, spanish)
    for snippet in snippets[1:]:  # everything but the disclaimer
        press_primary_button(editor, snippet)
        approve_both_steps(publisher, reviewer, snippet)
    press_primary_button(editor, page)

    approve_both_steps(publisher, reviewer, page)

    page.refresh_from_db()
    assert not page.live and served_page(graphql, page.pk) is None
    state = page.current_workflow_state
    assert state.status == state.STATUS_NEEDS_CHANGES
    assert "no published Spanish disclaimer" in state.current_task_state.comment
    assert page.last_reviewed is None, "a refused approval stamps nothing"


def test_an_article_cannot_be_submitted_with_another_languages_disclaimer(
    login, seed_article, spanish
):
    from tests.admin_forms import article_form

    editor = login("editor")
    english = ArticlePage.objects.get(pk=seed_article.pk)
    page = request_translation(editor, english, spanish)
    # Translators may leave the synced editor ("Stop synced translation") for Wagtail's.
    Translation.objects.filter(target_locale=spanish).update(enabled=False)
    draft = page.get_latest_revision_as_object()
    draft.disclaimer = english.disclaimer

    response = editor.post(
        edit_url(page), {**article_form(draft), "action-submit": "action-submit"}
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["disclaimer"]
    assert "Choose a Spanish disclaimer" in errors[0]


def test_a_change_to_the_source_marks_its_translation_out_of_date(login, seed_article, spanish):
    from tests.admin_forms import article_form

    editor, publisher, reviewer = login("editor"), login("publisher"), login("reviewer")
    english = ArticlePage.objects.get(pk=seed_article.pk)
    page = live_spanish_translation(editor, publisher, reviewer, english, spanish)
    report = reviewer.get("/admin/reports/review-due/")
    assert b"data-out-of-date" not in report.content

    draft = english.get_latest_revision_as_object()
    response = editor.post(
        edit_url(english),
        {**article_form(draft, summary="A new summary."), "action-submit": "action-submit"},
    )
    assert response.status_code == 302
    approve_both_steps(publisher, reviewer, english)

    report = reviewer.get("/admin/reports/review-due/")
    row = report.content.decode().split(f'data-review-due="{page.pk}"')[1].split("</tr>")[0]
    assert "Out of date: the English version changed on" in row
    assert "Spanish" in row
    source_edit = editor.get(edit_url(english))
    assert any(
        "Translations out of date" in str(message) and "Spanish" in str(message)
        for message in source_edit.context["messages"]
    )

    # The translator syncs, submits, the translation is approved: up to date again.
    source = translation_record(page, spanish).source
    editor.post(f"/admin/localize/update/{source.pk}/", {})
    translate_every_string(editor, page, spanish)
    press_primary_button(editor, page)
    approve_both_steps(publisher, reviewer, page)
    report = reviewer.get("/admin/reports/review-due/")
    assert b"data-out-of-date" not in report.content


def test_an_alias_in_another_language_is_never_served(seed_article, spanish, graphql):
    """wagtail-localize's locale synchronisation fills a new language with live aliases of
    the source pages: they would serve English text as Spanish articles."""
    english = ArticlePage.objects.get(pk=seed_article.pk)
    spanish_index = english.get_parent().copy_for_translation(spanish, copy_parents=True)
    spanish_index.save_revision().publish()

    alias = english.create_alias(parent=spanish_index, update_locale=spanish)

    assert alias.live and alias.locale == spanish
    assert served_page(graphql, alias.pk) is None
    assert served_page(graphql, english.pk)["title"] == english.title


def test_a_translation_never_shows_another_languages_condition_or_sources(
    login, seed_article, spanish, graphql
):
    """A Spanish copy made outside the translation editor still cites the English condition
    and sources: submitting it is refused, and were such a row live, readers would get
    neither (no fallback to English text)."""
    from tests.admin_forms import article_form

    editor = login("editor")
    english = ArticlePage.objects.get(pk=seed_article.pk)
    spanish_disclaimer = english.disclaimer.copy_for_translation(spanish)
    spanish_disclaimer.save()
    spanish_disclaimer.save_revision().publish()
    page = english.copy_for_translation(spanish, copy_parents=True)
    page.disclaimer = spanish_disclaimer
    page.save_revision()

    response = editor.post(
        edit_url(page),
        {**article_form(page.get_latest_revision_as_object()), "action-submit": "action-submit"},
    )
    assert response.status_code == 200
    assert "Choose the Spanish version of" in response.context["form"].errors["condition"][0]

    page.save_revision().publish()  # as the system, bypassing review: a legacy row
    served = graphql.execute(
        """query ($slug: String!) {
          article(slug: $slug, locale: "es") { condition { name } sources { name } disclaimer { id } }
        }""",
        {"slug": page.slug},
    )["article"]
    assert served["condition"] is None and served["sources"] == []
    assert served["disclaimer"]["id"] == str(spanish_disclaimer.pk)
    assert "another language" in " ".join(page.publication_problems())
