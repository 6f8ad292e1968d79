"""Roles and the workflow as the data migration and new article trees set them up."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowContentType

from articles.models import ArticleIndexPage, Condition, Disclaimer, TrustedSource
from editorial.models import MedicalReviewTask
from home.models import HomePage

pytestmark = pytest.mark.django_db


def page_permissions(group_name):
    group = Group.objects.get(name=group_name)
    return {
        (permission.page.specific_class.__name__, permission.permission.codename)
        for permission in group.page_permissions.select_related("page", "permission")
    }


def test_the_workflow_has_the_editorial_then_the_medical_step():
    workflow = Workflow.objects.get(name="Medical review")
    tasks = [task.specific for task in workflow.tasks]
    assert [(type(task), task.name) for task in tasks] == [
        (GroupApprovalTask, "Editorial review"),
        (MedicalReviewTask, "Medical review"),
    ]
    assert [list(task.groups.values_list("name", flat=True)) for task in tasks] == [
        ["Publishers"],
        ["Medical reviewers"],
    ]
    for model in (Condition, Disclaimer, TrustedSource):
        content_type = ContentType.objects.get_for_model(model)
        assert WorkflowContentType.objects.get(content_type=content_type).workflow == workflow


def test_roles_have_page_permissions_on_the_articles_tree_only(demo_content):
    index = "ArticleIndexPage"
    assert page_permissions("Editors") == {(index, "add_page"), (index, "change_page")}
    # Reviewers publish nothing themselves: their approval does (editorial.publishing).
    assert page_permissions("Medical reviewers") == set()
    assert page_permissions("Publishers") == {
        (index, codename)
        for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
    }


def test_roles_model_permissions():
    def codenames(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label__in=["articles", "wagtailadmin"])
            .values_list("codename", flat=True)
        )

    assert "publish_disclaimer" not in codenames("Editors")
    assert {"access_admin", "change_disclaimer", "add_condition"} <= codenames("Editors")
    assert {"publish_disclaimer", "publish_condition"} <= codenames("Publishers")
    assert {"publish_trustedsource", "lock_trustedsource"} <= codenames("Publishers")
    assert codenames("Medical reviewers") == {
        "access_admin",
        "view_condition",
        "view_disclaimer",
        "view_trustedsource",
    }


def test_a_new_articles_tree_is_under_medical_review(demo_content):
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Other site", slug="other-site")
    )
    index = other_home.add_child(instance=ArticleIndexPage(title="More", slug="more"))
    assert index.get_workflow().name == "Medical review"
    assert other_home.get_workflow().name != "Medical review"
    editors = Group.objects.get(name="Editors")
    assert editors.page_permissions.filter(page=index).count() == 2
