"""The "Due for medical review" admin report."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from articles.models import ArticleIndexPage
from home.models import HomePage

from .factories import make_article

pytestmark = pytest.mark.django_db

URL = "/admin/reports/review-due/"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def articles(demo_users):
    return {
        "never": make_article("Never reviewed", next_review_due=None, last_reviewed=None),
        "overdue": make_article("Overdue", next_review_due=days(-10), last_reviewed=days(-375)),
        "today": make_article("Due today", next_review_due=days(0), last_reviewed=days(-365)),
        "soon": make_article("Due soon", next_review_due=days(30), last_reviewed=days(-335)),
        "later": make_article("Due later", next_review_due=days(31), last_reviewed=days(-334)),
        "draft": make_article("Draft overdue", publish=False, next_review_due=days(-1)),
    }


def test_lists_overdue_and_soon_due_articles_most_overdue_first(login, articles, seed_article):
    response = login("editor").get(URL)
    assert response.status_code == 200
    listed = [article.pk for article in response.context["object_list"]]
    expected = ["never", "overdue", "draft", "today", "soon"]
    assert listed == [articles[name].pk for name in expected]
    assert seed_article.pk not in listed  # reviewed today, next due in a year
    content = response.content.decode()
    assert "Overdue by 10 days" in content
    assert "Due in 30 days" in content
    assert "Never reviewed" in content
    for name in expected:
        assert f'href="/admin/pages/{articles[name].pk}/edit/"' in content


def test_the_report_is_in_the_reports_menu_for_editors_and_publishers(login, articles):
    for username in ("editor", "publisher"):
        assert URL.encode() in login(username).get("/admin/").content


def test_medical_reviewers_get_the_report_with_history_links(login, articles):
    reviewer = login("reviewer")
    assert URL.encode() in reviewer.get("/admin/").content
    response = reviewer.get(URL)
    assert response.status_code == 200
    for name in ("never", "overdue", "today", "soon", "draft"):
        article = articles[name]
        assert f'href="/admin/medical-review/{article.pk}/history/"'.encode() in response.content


def test_the_report_is_filtered_to_articles_the_user_can_edit(client, login, articles):
    other_index = (
        Page.get_first_root_node()
        .add_child(instance=HomePage(title="Other site", slug="other-site"))
        .add_child(instance=ArticleIndexPage(title="Other articles", slug="other-articles"))
    )
    elsewhere = make_article("Elsewhere", parent=other_index, next_review_due=days(-3))
    group = Group.objects.create(name="Other site editors")
    GroupPagePermission.objects.create(group=group, page=other_index, permission_type="change")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    other_editor = get_user_model().objects.create_user("other", password="x")
    other_editor.groups.add(group)

    client.force_login(other_editor)
    assert [a.pk for a in client.get(URL).context["object_list"]] == [elsewhere.pk]
    # Editors are given the same rights on every new articles tree.
    assert len(login("editor").get(URL).context["object_list"]) == 6


def test_query_count_does_not_grow_with_the_number_of_articles(login, articles):
    editor = login("editor")
    editor.get(URL)  # warm the per-process caches (content types, locales)
    with CaptureQueriesContext(connection) as few:
        assert editor.get(URL).status_code == 200
    for n in range(5):
        make_article(f"More overdue {n}", next_review_due=days(-20 - n))
    with CaptureQueriesContext(connection) as many:
        response = editor.get(URL)
    assert len(response.context["object_list"]) == 10
    # 15: the admin menu's Settings → Publisher item reads the user's site permissions;
    # 16: the default language, for translations out of date (localization.staleness).
    assert len(many) == len(few) <= 16, "\n".join(q["sql"][:150] for q in many.captured_queries)
