"""Editorial roles and the medical review workflow, as the articles tree needs them.

The groups, their model permissions and the workflow are created by the data migration
``editorial/migrations/0002_editorial_roles_and_medical_review_workflow.py``. Page
permissions and workflows attach to a page, and the articles tree (an ArticleIndexPage)
usually does not exist when migrations run: the demo content or an administrator creates
it later. So whenever an article index is created, ``prepare_articles_tree`` grants the
roles their page permissions on it and attaches the "Medical review" workflow, and new
articles are under review from the start.
"""

import logging

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

logger = logging.getLogger(__name__)

EDITORS = "Editors"
PUBLISHERS = "Publishers"
MEDICAL_REVIEWERS = "Medical reviewers"
MEDICAL_REVIEW_WORKFLOW = "Medical review"

# Page permissions each role has on an articles tree. Publishers hold ``publish_page`` for
# what Wagtail ties to it besides publishing: unpublishing and unscheduling. Nobody's
# permissions publish an article (``editorial.publishing``): a medical approval does.
# Medical reviewers need none: their workflow step opens the editor for them.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    PUBLISHERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    MEDICAL_REVIEWERS: [],
}


def medical_review_workflow():
    return Workflow.objects.filter(name=MEDICAL_REVIEW_WORKFLOW, active=True).first()


def prepare_articles_tree(index_page):
    """Grant the roles their permissions on ``index_page`` and put it under medical review.

    Idempotent; a workflow an administrator already chose for the page is kept.
    """
    page = Page.objects.get(pk=index_page.pk)
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            logger.warning("Group %r is missing: no permissions on %s.", group_name, page)
            continue
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )
    workflow = medical_review_workflow()
    if workflow is None:
        logger.warning("No %r workflow: %s is not moderated.", MEDICAL_REVIEW_WORKFLOW, page)
    elif not WorkflowPage.objects.filter(page=page).exists():
        WorkflowPage.objects.create(page=page, workflow=workflow)
