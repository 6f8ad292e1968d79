"""The one publishing rule: medical content goes live only by finishing medical review.

Wagtail makes a revision live through one action (``PublishRevisionAction``) whatever the
door (the edit view's Publish, bulk publish, revert and publish, copy with "publish
copies", scheduled go-live, a finished workflow), and that action asks one question before
it publishes: the page permission tester's ``can_publish()`` for pages, the permission
policy's ``"publish"`` for snippets. Both answer here, and both answer *yes* only

- while a medical reviewer's approval is finishing the workflow for that very object
  (``MedicalReviewTask.on_action`` opens ``medical_approval``), or
- for the system: code that publishes with no user (demo loading, data migrations,
  ``publish_scheduled`` going live with a revision a medical approval scheduled); Wagtail
  skips the permission check then.

Nobody else, superusers included, publishes article content or the library snippets
articles show readers. Taking content down stays a permission of its own (Publishers):
unpublishing is the emergency path.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, PagePermissionTester, get_default_page_content_type
from wagtail.permission_policies.base import ModelPermissionPolicy

REFUSAL = (
    "Publishing goes through Medical review: submit the changes to Medical review; they go "
    "live when a medical reviewer approves them."
)

# (content type id, primary key as a string) of the object a medical approval is finishing.
_approving = ContextVar("medical_approval", default=None)


def approval_key(obj):
    """``(base content type id, pk)``: a page and its specific instance have one key."""
    return base_content_type(type(obj)).pk, str(obj.pk)


def base_content_type(model):
    if issubclass(model, Page):
        return get_default_page_content_type()
    return ContentType.objects.get_for_model(model)


@contextmanager
def medical_approval(obj):
    """Within the block, the finishing workflow may publish ``obj`` (and only ``obj``)."""
    token = _approving.set(approval_key(obj))
    try:
        yield
    finally:
        _approving.reset(token)


def approval_in_progress(obj):
    """Whether a medical approval of ``obj`` is finishing its workflow right now."""
    approving = _approving.get()
    return approving is not None and approving == approval_key(obj)


def approval_in_progress_for_model(model):
    """Whether a medical approval of an object of ``model`` is finishing right now.

    Wagtail asks snippet policies about the model, not the object; within the approval
    the only object being published is the approved one.
    """
    approving = _approving.get()
    return approving is not None and approving[0] == base_content_type(model).pk


class MedicalReviewPagePermissionTester(PagePermissionTester):
    """Page permissions of an article: ``publish`` only as part of a medical approval.

    Every other right (unpublish, lock, schedule through the workflow, history) is
    Wagtail's, from the user's groups.
    """

    def can_publish(self):
        if not self.user.is_active or self.page_is_root:
            return False
        return approval_in_progress(self.page)


class ArticlesTreePermissionTester(PagePermissionTester):
    """Page permissions of an articles index: no article is created or copied live.

    ``can_publish_subpage`` is what Wagtail asks before offering "Publish" in the create
    view and before honouring "Publish copies" when copying into this index.
    """

    def can_publish_subpage(self):
        return False


class MedicallyReviewedPage:
    """Mixin for page models whose content readers trust as medically reviewed."""

    def permissions_for_user(self, user):
        return MedicalReviewPagePermissionTester(user, self)


class MedicallyReviewedTree:
    """Mixin for index pages whose children are medically reviewed pages."""

    def permissions_for_user(self, user):
        return ArticlesTreePermissionTester(user, self)


class MedicalReviewPermissionPolicy(ModelPermissionPolicy):
    """Permission policy of the library snippets articles show readers.

    ``publish`` is granted only while a medical approval finishes the object's workflow.
    ``unpublish`` (and the other draft-state rights, ``lock``/``unlock``) are what
    Wagtail calls ``publish``: holders of the model's ``publish_*`` permission keep them.
    """

    def user_has_permission(self, user, action):
        if action == "publish":
            return user.is_active and approval_in_progress_for_model(self.model)
        if action == "unpublish":
            action = "publish"
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "publish":
            return user.is_active and approval_in_progress(instance)
        return super().user_has_permission_for_instance(user, action, instance)

    def users_with_any_permission(self, actions):
        actions = ["publish" if action == "unpublish" else action for action in actions]
        return super().users_with_any_permission(actions)


def publication_problems(obj):
    """Why the latest revision of ``obj`` may not go live, as messages for its editor; an
    empty list if it may. Models say so with a ``publication_problems()`` method (an
    article: no published disclaimer in its language)."""
    draft = obj.get_latest_revision_as_object()
    check = getattr(draft, "publication_problems", None)
    return check() if check is not None else []


def under_medical_review(model):
    """Whether ``model``'s objects go live only through medical review."""
    from wagtail.permissions import policy_registry

    if issubclass(model, MedicallyReviewedPage):
        return True
    policy = policy_registry.get_by_type(model, fallback=False)
    return isinstance(policy, MedicalReviewPermissionPolicy)
