"""Admin: a top-level "Webhooks" menu; endpoints are edited there, deliveries and attempts
are read-only logs."""

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import WebhookAttempt, WebhookDelivery, WebhookEndpoint


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Users with the model's view permission (and superusers) may look; nobody may edit."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


for log_model in (WebhookDelivery, WebhookAttempt):
    register_permission_policy(log_model, ReadOnlyPermissionPolicy(log_model))


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = "Webhook endpoints"
    url_prefix = "webhooks/endpoints"
    form_fields = ["name", "url", "secret", "is_active"]
    list_display = ["name", "url", "is_active"]
    copy_view_enabled = False


class ReadOnlyLogViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    # No add or edit view is reachable (see the permission policy); Wagtail needs a form.
    form_fields = []


class WebhookDeliveryViewSet(ReadOnlyLogViewSet):
    model = WebhookDelivery
    icon = "mail"
    menu_label = "Webhook deliveries"
    url_prefix = "webhooks/deliveries"
    list_display = [
        "event_type",
        "endpoint_name",
        "status",
        "attempt_count",
        "next_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "event_type", "endpoint_name"]
    search_fields = ["event_type", "endpoint_name", "body"]
    inspect_view_fields = [
        "event_id",
        "event_type",
        "endpoint_name",
        "url",
        "status",
        "attempt_count",
        "next_attempt_at",
        "created_at",
        "delivered_at",
        "body",
    ]


class WebhookAttemptViewSet(ReadOnlyLogViewSet):
    model = WebhookAttempt
    icon = "history"
    menu_label = "Webhook attempts"
    url_prefix = "webhooks/attempts"
    list_display = [
        "delivery",
        "number",
        "succeeded",
        "response_status",
        "duration_ms",
        "error",
        "started_at",
    ]
    list_filter = ["succeeded", "delivery__endpoint_name", "delivery__event_type"]


class WebhooksGroup(ViewSetGroup):
    menu_label = "Webhooks"
    menu_icon = "link-external"
    menu_order = 900
    items = (WebhookEndpointViewSet, WebhookDeliveryViewSet, WebhookAttemptViewSet)


@hooks.register("register_admin_viewset")
def register_webhook_viewsets():
    return WebhooksGroup()
