"""Content-Security-Policy: strict on /graphql/; the Wagtail admin works under its policy."""

import pytest

from .test_workflow_in_browser import browser, log_in, site  # noqa: F401 (fixtures)

GRAPHQL_POLICY = {
    "default-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
}


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_graphql_responses_allow_nothing(client, method):
    response = getattr(client, method)("/graphql/", {"query": "{ __typename }"})
    assert directives(response) == GRAPHQL_POLICY


@pytest.mark.django_db
def test_graphql_errors_allow_nothing_either(client):
    response = client.post("/graphql/", "{", content_type="application/json")
    assert response.status_code == 400
    assert directives(response) == GRAPHQL_POLICY


@pytest.mark.django_db
def test_the_admin_allows_no_third_party_scripts(client):
    policy = directives(client.get("/admin/login/"))
    # Wagtail's admin still needs its inline scripts; nothing from elsewhere runs.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


@pytest.mark.django_db
def test_pages_outside_the_admin_allow_only_their_own_scripts(client):
    policy = directives(client.get("/django-admin/login/"))
    assert policy["script-src"] == ["'self'"]


# The admin under its policy, in Chromium: every page an editor uses, no violation.
ADMIN_WALK = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/{article_id}/",
    "/admin/pages/{article_id}/edit/",
    "/admin/snippets/",
    "/admin/snippets/articles/disclaimer/",
    "/admin/images/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_admin_runs_without_csp_violations(site, browser):  # noqa: F811
    base_url, article_id = site
    violations = []

    page = log_in(browser, base_url, "editor")
    page.on(
        "console",
        lambda message: (
            violations.append((page.url, message.text))
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    for path in ADMIN_WALK:
        response = page.goto(base_url + path.format(article_id=article_id))
        assert response.ok, (path, response.status)
        assert "Content-Security-Policy" in response.headers or "content-security-policy" in (
            response.headers
        )
        page.wait_for_load_state("networkidle")
    # The editor's page editor actually ran its scripts: the stream field is interactive.
    page.goto(f"{base_url}/admin/pages/{article_id}/edit/")
    page.locator('input[name$="-value-common_side_effects"]').first.fill("Edited in the test")
    page.locator("footer .w-dropdown__toggle, .footer .w-dropdown__toggle").first.click()
    page.wait_for_load_state("networkidle")
    assert violations == [], "\n".join(sorted({f"{url} {text}" for url, text in violations}))
