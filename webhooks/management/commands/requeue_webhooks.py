"""Queue again the pending deliveries that have no task waiting for them.

A delivery can be stranded if queueing it after commit failed or a worker died in the
middle of an attempt. Safe to run at any time (e.g. from cron every few minutes): a delivery
that already has a queued or running task is left alone.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from webhooks.models import WebhookDelivery
from webhooks.tasks import deliver_webhook


class Command(BaseCommand):
    help = "Queue pending webhook deliveries that have no queued or running task."

    def handle(self, *args, **options):
        waiting = {
            task.args_kwargs["args"][0]
            for task in DBTaskResult.objects.filter(
                task_path=deliver_webhook.module_path, status__in=["READY", "RUNNING"]
            ).only("args_kwargs")
        }
        pending = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING)
        requeued = 0
        for delivery in pending.exclude(pk__in=waiting).iterator():
            run_after = delivery.next_attempt_at
            if run_after is not None and run_after > timezone.now():
                deliver_webhook.using(run_after=run_after).enqueue(delivery.pk)
            else:
                deliver_webhook.enqueue(delivery.pk)
            requeued += 1
        self.stdout.write(
            f"{requeued} stranded deliveries queued again; "
            f"{pending.count() - requeued} pending deliveries already queued."
        )
