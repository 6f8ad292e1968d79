"""Publishing only through medical review (``editorial.publishing``).

Medical reviewers no longer hold any publish permission: their approval publishes because
the finishing Medical review task authorises it, not because of their group. They keep
read access to the library (the workflow opens the editor for them at their step).
Publishers may take conditions, disclaimers and trusted sources down (``publish_*`` is
Wagtail's unpublish permission too) and lock them. Conditions and trusted sources are
moderated by the Medical review workflow, like disclaimers.
"""

from django.db import migrations

MEDICAL_REVIEWERS = "Medical reviewers"
PUBLISHERS = "Publishers"
WORKFLOW = "Medical review"
REVIEWER_PAGE_PERMISSIONS = ["publish_page"]
REVIEWER_MODEL_PERMISSIONS = ["change_disclaimer", "publish_disclaimer"]
PUBLISHER_MODEL_PERMISSIONS = [
    "publish_trustedsource",
    "lock_condition",
    "unlock_condition",
    "lock_trustedsource",
    "unlock_trustedsource",
]
MODERATED_MODELS = ["condition", "trustedsource"]
MODEL_NAMES = {"condition": "condition", "disclaimer": "disclaimer", "trustedsource": "trusted source"}


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


def library_permission(apps, codename):
    return get_permission(apps, "articles", codename.split("_", 1)[1], codename)


def forward(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    reviewers = Group.objects.filter(name=MEDICAL_REVIEWERS).first()
    if reviewers is not None:
        GroupPagePermission.objects.filter(
            group=reviewers, permission__codename__in=REVIEWER_PAGE_PERMISSIONS
        ).delete()
        reviewers.permissions.remove(
            *(library_permission(apps, codename) for codename in REVIEWER_MODEL_PERMISSIONS)
        )
    publishers = Group.objects.filter(name=PUBLISHERS).first()
    if publishers is not None:
        publishers.permissions.add(
            *(library_permission(apps, codename) for codename in PUBLISHER_MODEL_PERMISSIONS)
        )
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        for model in MODERATED_MODELS:
            content_type, _ = ContentType.objects.get_or_create(app_label="articles", model=model)
            WorkflowContentType.objects.update_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )


def backward(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    WorkflowContentType.objects.filter(
        content_type__in=ContentType.objects.filter(app_label="articles", model__in=MODERATED_MODELS)
    ).delete()
    publishers = Group.objects.filter(name=PUBLISHERS).first()
    if publishers is not None:
        publishers.permissions.remove(
            *(library_permission(apps, codename) for codename in PUBLISHER_MODEL_PERMISSIONS)
        )
    reviewers = Group.objects.filter(name=MEDICAL_REVIEWERS).first()
    if reviewers is None:
        return
    reviewers.permissions.add(
        *(library_permission(apps, codename) for codename in REVIEWER_MODEL_PERMISSIONS)
    )
    index_type = ContentType.objects.filter(app_label="articles", model="articleindexpage").first()
    for index in Page.objects.filter(content_type=index_type):
        for codename in REVIEWER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=reviewers,
                page=index,
                permission=get_permission(apps, "wagtailcore", "page", codename),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_editorial_roles_and_medical_review_workflow"),
        ("articles", "0005_library_snippets_under_medical_review"),
    ]

    operations = [migrations.RunPython(forward, backward)]
