"""Publish webhooks, delivered by the task worker to a real HTTP receiver on 127.0.0.1."""

import datetime
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import ArticleIndexPage, ArticlePage, Condition, Disclaimer
from examples.webhook_receiver import verify
from home.models import HomePage
from tests.admin_forms import article_form
from tests.factories import make_article, published, translation
from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

# The worker and the editor's request are separate transactions, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "receiver-secret"


class Receiver:
    """An HTTP server that records each request and answers as told: ok, fail or slow."""

    def __init__(self):
        self.requests = []
        self.mode = "ok"
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((self.path, self.headers, body))
                if receiver.mode == "slow":
                    time.sleep(1.5)
                status = 503 if receiver.mode == "fail" else 204
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/cms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def events(self):
        return [json.loads(body) for _path, _headers, body in self.requests]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture(autouse=True)
def local_receivers_allowed(settings):
    """The receivers here listen on 127.0.0.1: allowed only for local development."""
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True


@pytest.fixture
def endpoint(receiver, demo_content):
    return WebhookEndpoint.objects.create(name="static-site", url=receiver.url, secret=SECRET)


@pytest.fixture
def editor(client, demo_content):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(user)
    return client


def run_worker():
    """Drain the webhook queue once, as `manage.py db_worker --backend webhooks` does."""
    call_command(
        "db_worker",
        "--backend=webhooks",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        "--interval=0",
        verbosity=0,
    )


def approve_every_step(client, obj, workflow_url):
    """Approve each task of ``obj``'s workflow (as a superuser may, credited as reviewer)."""
    response = None
    while (state := type(obj).objects.get(pk=obj.pk).current_workflow_state) is not None:
        task_state = state.current_task_state
        response = client.post(f"{workflow_url}{task_state.pk}/", {"comment": ""})
        assert response.status_code == 302, response.content[:2000]
    return response


def publish_in_admin(editor, article, **row_changes):
    """Submit an edit in the admin and approve both review steps: the only way to publish."""
    rows = [{**row_changes}]
    response = editor.post(
        f"/admin/pages/{article.pk}/edit/",
        {**article_form(article, rows), "action-submit": "action-submit"},
    )
    assert response.status_code == 302, response.content[:2000]
    return approve_every_step(
        editor, article, f"/admin/pages/workflow/action/{article.pk}/approve/"
    )


def make_due(delivery):
    """Time travel for the queue: the scheduled retry of ``delivery`` is due now."""
    queued = DBTaskResult.objects.filter(
        status="READY", args_kwargs__args=[delivery.pk], backend_name="webhooks"
    )
    assert queued.count() == 1
    queued.update(run_after=timezone.now() - datetime.timedelta(seconds=1))


def test_publishing_an_article_sends_a_signed_event_after_the_request(
    editor, endpoint, receiver, seed_article
):
    response = publish_in_admin(editor, seed_article, common_side_effects="Fever")
    assert response.status_code == 302
    assert receiver.requests == []  # nothing is sent on the editor's request
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending"

    run_worker()

    seed_article.refresh_from_db()
    [(path, headers, body)] = receiver.requests
    assert path == "/hooks/cms"
    assert headers["Content-Type"] == "application/json"
    assert verify(SECRET, headers, body)
    assert not verify("another-secret", headers, body)
    assert not verify(SECRET, headers, body + b" ")
    event = json.loads(body)
    assert event == {
        "id": str(delivery.event_id),
        "type": "article.published",
        "timestamp": event["timestamp"],
        "pageId": seed_article.pk,
        "locale": "en",
        "slug": "immunotherapy-for-multiple-myeloma",
        "urlPath": "/health-articles/immunotherapy-for-multiple-myeloma/",
        "site": "localhost",
        "revisionId": seed_article.live_revision_id,
        "affectedArticleIds": [seed_article.pk],
    }
    assert headers["X-CMS-Webhook-Id"] == event["id"]
    assert headers["X-CMS-Webhook-Event"] == "article.published"
    assert headers["X-CMS-Webhook-Attempt"] == "1"
    assert datetime.datetime.fromisoformat(event["timestamp"]) <= timezone.now()

    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    [attempt] = delivery.attempts.all()
    assert (attempt.number, attempt.succeeded, attempt.response_status) == (1, True, 204)
    assert attempt.error == ""
    assert 0 <= attempt.duration_ms < 5000


def test_a_replayed_request_fails_verification(editor, endpoint, receiver, seed_article):
    publish_in_admin(editor, seed_article)
    run_worker()
    [(_path, headers, body)] = receiver.requests
    assert verify(SECRET, headers, body, tolerance=300)
    sent_at = int(headers["X-CMS-Webhook-Timestamp"])
    forged = {**headers, "X-CMS-Webhook-Timestamp": str(sent_at + 1)}
    assert not verify(SECRET, forged, body)  # the timestamp is signed too
    time.sleep(1.1)
    assert not verify(SECRET, headers, body, tolerance=0)  # too old: a replay


def test_a_receiver_that_is_down_never_blocks_publishing(editor, demo_content, seed_article):
    # Nothing listens on this port: connections are refused.
    WebhookEndpoint.objects.create(name="down", url="http://127.0.0.1:8419/", secret=SECRET)
    response = publish_in_admin(editor, seed_article, common_side_effects="Published anyway")
    assert response.status_code == 302
    seed_article.refresh_from_db()
    assert seed_article.body[1].value["rows"][0]["common_side_effects"] == "Published anyway"

    before = timezone.now()
    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending"
    [attempt] = delivery.attempts.all()
    assert not attempt.succeeded
    assert attempt.response_status is None
    assert "ConnectionError" in attempt.error
    # The retry waits WEBHOOK_RETRY_BASE_SECONDS (30) and is queued for then.
    expected = before + datetime.timedelta(seconds=30)
    assert expected <= delivery.next_attempt_at <= timezone.now() + datetime.timedelta(seconds=30)
    queued = DBTaskResult.objects.get(status="READY")
    assert queued.run_after == delivery.next_attempt_at
    run_worker()  # not due yet: nothing happens
    assert delivery.attempts.count() == 1


def test_failed_attempts_are_retried_with_backoff_then_delivered(
    endpoint, receiver, seed_article, settings
):
    receiver.mode = "fail"
    seed_article.save_revision().publish()
    run_worker()
    delivery = WebhookDelivery.objects.get()
    first = delivery.attempts.get()
    assert (first.succeeded, first.response_status) == (False, 503)
    assert first.error.startswith("HTTP 503")
    delay = delivery.next_attempt_at - first.started_at
    assert datetime.timedelta(seconds=30) <= delay < datetime.timedelta(seconds=31)

    receiver.mode = "slow"  # answers after the 0.5 s timeout of the test settings
    make_due(delivery)
    run_worker()
    delivery.refresh_from_db()
    second = delivery.attempts.get(number=2)
    assert (second.succeeded, second.response_status) == (False, None)
    assert second.error == "Timed out after 0.5 s"
    assert 500 <= second.duration_ms < 1500
    delay = delivery.next_attempt_at - second.started_at
    assert datetime.timedelta(seconds=60) <= delay < datetime.timedelta(seconds=61)

    receiver.mode = "ok"
    make_due(delivery)
    run_worker()
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert delivery.attempts.get(number=3).response_status == 204
    # Every attempt carried the same event id and body, each freshly signed.
    ids = {headers["X-CMS-Webhook-Id"] for _path, headers, _body in receiver.requests}
    assert ids == {str(delivery.event_id)}
    assert [h["X-CMS-Webhook-Attempt"] for _p, h, _b in receiver.requests] == ["1", "2", "3"]
    assert all(verify(SECRET, h, b) for _p, h, b in receiver.requests)
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_retries_stop_after_the_maximum_attempts(endpoint, receiver, seed_article):
    receiver.mode = "fail"
    seed_article.save_revision().publish()
    run_worker()
    delivery = WebhookDelivery.objects.get()
    for _ in range(2):
        make_due(delivery)
        run_worker()
    delivery.refresh_from_db()
    assert delivery.status == "failed"  # WEBHOOK_MAX_ATTEMPTS is 3 in the test settings
    assert delivery.next_attempt_at is None
    assert list(delivery.attempts.order_by("number").values_list("number", "succeeded")) == [
        (1, False),
        (2, False),
        (3, False),
    ]
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert len(receiver.requests) == 3


def test_nothing_is_sent_when_the_transaction_rolls_back(endpoint, receiver, seed_article):
    with pytest.raises(RuntimeError), transaction.atomic():
        seed_article.save_revision().publish()
        assert WebhookDelivery.objects.count() == 1
        assert not DBTaskResult.objects.exists()  # queued only once committed
        raise RuntimeError("the editor's change failed")
    assert not WebhookDelivery.objects.exists()
    assert not DBTaskResult.objects.exists()
    run_worker()
    assert receiver.requests == []


def test_unpublish_and_delete_in_the_admin(editor, endpoint, receiver, seed_article):
    other = make_article("Second article")
    response = editor.post(f"/admin/pages/{seed_article.pk}/unpublish/")
    assert response.status_code == 302
    response = editor.post(f"/admin/pages/{other.pk}/delete/")
    assert response.status_code == 302
    assert not ArticlePage.objects.filter(pk=other.pk).exists()
    run_worker()
    events = [(event["type"], event["pageId"]) for event in receiver.events()]
    # Wagtail unpublishes a live page it deletes: receivers hear both.
    assert sorted(events) == [
        ("article.deleted", other.pk),
        ("article.published", other.pk),
        ("article.unpublished", seed_article.pk),
        ("article.unpublished", other.pk),
    ]
    by_type = {event["type"]: event for event in receiver.events()}
    assert by_type["article.unpublished"]["revisionId"] is None
    deleted = by_type["article.deleted"]
    assert deleted["pageId"] == other.pk
    assert deleted["slug"] == "second-article"
    assert deleted["urlPath"] == "/health-articles/second-article/"
    assert deleted["revisionId"] == other.live_revision_id


def test_deleting_a_draft_that_was_never_live_sends_nothing(
    editor, endpoint, receiver, seed_article
):
    draft = make_article("Only a draft", publish=False)
    assert editor.post(f"/admin/pages/{draft.pk}/delete/").status_code == 302
    run_worker()
    assert receiver.requests == []


def test_moving_an_article_to_another_site(editor, endpoint, receiver, seed_article):
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Second site", slug="second-home"))
    index = home.add_child(instance=ArticleIndexPage(title="Library", slug="library"))
    Site.objects.create(hostname="second.example.org", root_page=home)
    response = editor.post(f"/admin/pages/{seed_article.pk}/move/{index.pk}/confirm/")
    assert response.status_code == 302
    seed_article.refresh_from_db()
    assert seed_article.get_parent().pk == index.pk
    run_worker()
    [event] = receiver.events()
    assert event["type"] == "article.moved"
    assert (event["site"], event["urlPath"]) == (
        "second.example.org",
        "/library/immunotherapy-for-multiple-myeloma/",
    )
    assert (event["previousSite"], event["previousUrlPath"]) == (
        "localhost",
        "/health-articles/immunotherapy-for-multiple-myeloma/",
    )


def test_publishing_a_disclaimer_lists_the_articles_that_show_it(
    editor, endpoint, receiver, seed_article
):
    default = Disclaimer.objects.get(is_default=True)
    own = Disclaimer.objects.create(title="Own", body="<p>Own wording.</p>", live=False)
    own.save_revision().publish()
    with_own = make_article("With own disclaimer", disclaimer=own)
    unpublished = Disclaimer.objects.create(title="Unpublished", body="<p>x</p>", live=False)
    falls_back = make_article("Falls back to the default", disclaimer=unpublished)
    make_article("Draft article", publish=False)
    receiver.requests.clear()
    WebhookDelivery.objects.all().delete()
    DBTaskResult.objects.all().delete()

    url = f"/admin/snippets/articles/disclaimer/edit/{default.pk}/"
    response = editor.post(
        url,
        {
            "title": default.title,
            "body": json.dumps(
                {
                    "blocks": [
                        {"key": "a", "type": "unstyled", "text": "New wording.", "depth": 0}
                    ],
                    "entityMap": {},
                }
            ),
            "is_default": "on",
            "action-submit": "action-submit",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    workflow_url = f"/admin/snippets/articles/disclaimer/workflow/action/{default.pk}/approve/"
    approve_every_step(editor, default, workflow_url)
    run_worker()
    [event] = receiver.events()
    default.refresh_from_db()
    assert event["type"] == "disclaimer.published"
    assert event["snippet"] == {"type": "Disclaimer", "id": default.pk}
    assert event["locale"] == "en"
    assert event["revisionId"] == default.live_revision_id
    assert event["affectedArticleIds"] == sorted([seed_article.pk, falls_back.pk])
    assert with_own.pk not in event["affectedArticleIds"]


def test_publishing_a_condition_lists_its_live_articles(endpoint, receiver, seed_article):
    condition = Condition.objects.get(slug="multiple-myeloma")
    receiver.requests.clear()
    revision = condition.save_revision()
    revision.publish()
    run_worker()
    [event] = receiver.events()
    assert event["type"] == "condition.published"
    assert event["revisionId"] == revision.pk
    assert event["affectedArticleIds"] == [seed_article.pk]


def test_events_carry_the_language_of_the_article_or_snippet(endpoint, receiver, seed_article):
    disclaimer = translation(Disclaimer.objects.get(is_default=True), title="Aviso médico")
    spanish = translation(seed_article, title="Inmunoterapia", slug="inmunoterapia")
    receiver.requests.clear()
    published(disclaimer)
    published(spanish)
    run_worker()
    events = [(e["type"], e["locale"]) for e in receiver.events()]
    assert events == [("disclaimer.published", "es"), ("article.published", "es")]


def test_every_active_endpoint_gets_its_own_signed_delivery(
    endpoint, receiver, seed_article, settings
):
    second = Receiver()
    try:
        settings.WEBHOOK_ENDPOINTS = [{"name": "app-cache", "url": second.url, "secret": "env"}]
        WebhookEndpoint.objects.create(name="paused", url=receiver.url, is_active=False)
        seed_article.save_revision().publish()
        run_worker()
        [(_p, headers, body)] = receiver.requests
        [(_p, env_headers, env_body)] = second.requests
        assert verify(SECRET, headers, body)
        assert verify("env", env_headers, env_body)
        assert body == env_body
        assert set(WebhookDelivery.objects.values_list("endpoint_name", "status")) == {
            ("static-site", "delivered"),
            ("app-cache", "delivered"),
        }
    finally:
        second.close()


def test_endpoints_are_managed_and_attempts_are_visible_in_the_admin(
    editor, endpoint, receiver, seed_article
):
    response = editor.post(
        "/admin/webhooks/endpoints/new/",
        {"name": "apps", "url": "https://apps.example.org/hook", "secret": "s3cret"},
    )
    assert response.status_code == 302
    assert WebhookEndpoint.objects.get(name="apps").is_active is False  # unchecked box
    seed_article.save_revision().publish()
    run_worker()
    attempt = WebhookAttempt.objects.get()

    listing = editor.get("/admin/webhooks/attempts/")
    assert listing.status_code == 200
    assert b"static-site" in listing.content
    assert b"204" in listing.content
    deliveries = editor.get("/admin/webhooks/deliveries/")
    assert deliveries.status_code == 200
    assert b"article.published" in deliveries.content
    inspect = editor.get(f"/admin/webhooks/deliveries/inspect/{attempt.delivery_id}/")
    assert inspect.status_code == 200
    assert b"affectedArticleIds" in inspect.content
    # The logs are read-only, even for superusers.
    assert editor.get("/admin/webhooks/attempts/new/").status_code in (302, 403)
    edit_url = f"/admin/webhooks/deliveries/edit/{attempt.delivery_id}/"
    assert editor.get(edit_url).status_code in (302, 403)
    delete_url = f"/admin/webhooks/deliveries/delete/{attempt.delivery_id}/"
    assert editor.post(delete_url).status_code in (302, 403)
    assert WebhookDelivery.objects.filter(pk=attempt.delivery_id).exists()


def test_editors_without_permission_cannot_see_webhooks(client, endpoint):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("editor", "e@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in (
        "/admin/webhooks/endpoints/",
        "/admin/webhooks/deliveries/",
        f"/admin/webhooks/endpoints/edit/{endpoint.pk}/",
    ):
        assert client.get(url).status_code == 302, url


@pytest.mark.parametrize(
    ("endpoints", "error_id"),
    [
        ({"name": "x"}, "webhooks.E001"),
        ([{"name": "x", "url": "https://a.example.org"}], "webhooks.E002"),
        ([{"name": "x", "url": "ftp://a.example.org", "secret": "s"}], "webhooks.E003"),
        (
            [
                {"name": "x", "url": "https://a.example.org", "secret": "s"},
                {"name": "x", "url": "https://b.example.org", "secret": "t"},
            ],
            "webhooks.E004",
        ),
    ],
)
def test_misconfigured_env_endpoints_fail_the_system_check(settings, endpoints, error_id):
    from webhooks.checks import check_webhook_endpoints

    settings.WEBHOOK_ENDPOINTS = endpoints
    assert [error.id for error in check_webhook_endpoints()] == [error_id]
    settings.WEBHOOK_ENDPOINTS = [{"name": "x", "url": "https://a.example.org", "secret": "s"}]
    assert check_webhook_endpoints() == []


def test_queries_an_event_costs_the_editor(receiver, seed_article, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from webhooks.dispatch import send_event

    for number in range(3):
        WebhookEndpoint.objects.create(name=f"hook-{number}", url=receiver.url)
    with CaptureQueriesContext(connection) as in_transaction, transaction.atomic():
        send_event("article.published", {"pageId": seed_article.pk})
        # One query for the endpoints, one insert for all their deliveries.
        queries = [
            query["sql"]
            for query in in_transaction.captured_queries
            if not query["sql"].startswith(("BEGIN", "SAVEPOINT", "RELEASE"))
        ]
        assert len(queries) == 2, queries
    assert WebhookDelivery.objects.count() == 3
    assert DBTaskResult.objects.count() == 3  # one queued task per endpoint, after commit


def test_the_readme_quotes_the_tested_receiver_code():
    from pathlib import Path

    import examples.webhook_receiver

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text()
    snippet = readme.split("def verify(secret, headers, body, tolerance=300):")[1]
    snippet = snippet.split("```")[0]
    source = Path(examples.webhook_receiver.__file__).read_text()
    lines = [line.strip() for line in snippet.strip().splitlines()]
    assert len(lines) == 9
    assert all(line in source for line in lines)


def test_stranded_deliveries_are_queued_again(endpoint, receiver, seed_article):
    import io

    seed_article.save_revision().publish()
    DBTaskResult.objects.all().delete()  # as if queueing after commit had failed
    out = io.StringIO()
    call_command("requeue_webhooks", stdout=out)
    assert out.getvalue().strip() == (
        "1 stranded deliveries queued again; 0 pending deliveries already queued."
    )
    call_command("requeue_webhooks", stdout=out)  # already queued: not twice
    assert DBTaskResult.objects.count() == 1
    run_worker()
    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.get().status == "delivered"
