"""Editorial roles and the "Medical review" workflow.

Editors write and submit; Publishers approve the editorial step and may publish; Medical
reviewers approve the medical step, whose approval publishes (so they hold publish
permission). The workflow moderates articles (attached to each article index, here for
existing ones and by ``editorial.roles.prepare_articles_tree`` for new ones) and
disclaimers (by content type).

Wagtail's install creates an "Editors" group with add/edit permission on the whole page
tree; editors here work in the articles tree only, so those tree-wide rights are removed
(and restored on reversal). Permission rows are created if missing: on a fresh database
Django only creates them after all migrations have run.
"""

from django.db import migrations

EDITORS = "Editors"
PUBLISHERS = "Publishers"
MEDICAL_REVIEWERS = "Medical reviewers"
WORKFLOW = "Medical review"
EDITORIAL_TASK = "Editorial review"
MEDICAL_TASK = "Medical review"

LIBRARY = ["condition", "disclaimer", "trustedsource"]
MODEL_PERMISSIONS = {
    EDITORS: [
        *(f"{action}_{model}" for model in LIBRARY for action in ("add", "change", "view")),
    ],
    PUBLISHERS: [
        *(f"{action}_{model}" for model in LIBRARY for action in ("add", "change", "view")),
        "delete_condition",
        "delete_trustedsource",
        "delete_disclaimer",
        "publish_condition",
        "publish_disclaimer",
        "lock_disclaimer",
        "unlock_disclaimer",
    ],
    MEDICAL_REVIEWERS: [
        *(f"view_{model}" for model in LIBRARY),
        "change_disclaimer",
        "publish_disclaimer",
    ],
}
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    PUBLISHERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    MEDICAL_REVIEWERS: ["publish_page"],
}
WAGTAIL_EDITORS_ROOT_PERMISSIONS = ["add_page", "change_page"]
MODEL_NAMES = {
    "condition": "condition",
    "disclaimer": "disclaimer",
    "trustedsource": "trusted source",
}


def get_permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.split("_", 1)[0]
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {MODEL_NAMES.get(model, model)}"},
    )
    return permission


def page_permission(apps, codename):
    return get_permission(apps, "wagtailcore", "page", codename)


def create_roles_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    MedicalReviewTask = apps.get_model("editorial", "MedicalReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    access_admin = get_permission(apps, "wagtailadmin", "admin", "access_admin")
    groups = {}
    for name, codenames in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            access_admin,
            *(get_permission(apps, "articles", c.split("_", 1)[1], c) for c in codenames),
        )
        groups[name] = group

    GroupPagePermission.objects.filter(
        group=groups[EDITORS],
        page__depth=1,
        permission__codename__in=WAGTAIL_EDITORS_ROOT_PERMISSIONS,
    ).delete()

    editorial = GroupApprovalTask.objects.create(
        name=EDITORIAL_TASK,
        content_type=ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )[0],
    )
    editorial.groups.set([groups[PUBLISHERS]])
    medical = MedicalReviewTask.objects.create(
        name=MEDICAL_TASK,
        content_type=ContentType.objects.get_or_create(
            app_label="editorial", model="medicalreviewtask"
        )[0],
    )
    medical.groups.set([groups[MEDICAL_REVIEWERS]])
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=editorial, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=medical, sort_order=1)
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_or_create(app_label="articles", model="disclaimer")[0],
        defaults={"workflow": workflow},
    )

    index_type = ContentType.objects.filter(app_label="articles", model="articleindexpage").first()
    for index in Page.objects.filter(content_type=index_type):
        for name, codenames in PAGE_PERMISSIONS.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name], page=index, permission=page_permission(apps, codename)
                )
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})


def remove_roles_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    workflows = Workflow.objects.filter(name=WORKFLOW)
    Task.objects.filter(workflow_tasks__workflow__in=workflows).delete()
    workflows.delete()  # with its WorkflowPage, WorkflowContentType and WorkflowTask rows
    Group.objects.filter(name__in=[PUBLISHERS, MEDICAL_REVIEWERS]).delete()

    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:
        return
    GroupPagePermission.objects.filter(group=editors).delete()
    editors.permissions.remove(
        *editors.permissions.filter(
            content_type__app_label="articles", codename__in=MODEL_PERMISSIONS[EDITORS]
        )
    )
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in WAGTAIL_EDITORS_ROOT_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=page_permission(apps, codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("articles", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, remove_roles_and_workflow)]
