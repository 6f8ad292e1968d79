"""A misconfigured ``WEBHOOK_ENDPOINTS`` fails at startup with a clear message."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from .targets import validate_webhook_url

REQUIRED_KEYS = ("name", "url", "secret")


@checks.register()
def check_webhook_endpoints(app_configs=None, **kwargs):
    endpoints = settings.WEBHOOK_ENDPOINTS
    hint = 'A JSON list like [{"name": "static-site", "url": "https://...", "secret": "..."}].'
    if not isinstance(endpoints, list):
        return [checks.Error("WEBHOOK_ENDPOINTS must be a list.", hint=hint, id="webhooks.E001")]
    errors, names = [], set()
    for number, endpoint in enumerate(endpoints, start=1):
        if not isinstance(endpoint, dict) or not all(
            isinstance(endpoint.get(key), str) and endpoint[key].strip() for key in REQUIRED_KEYS
        ):
            errors.append(
                checks.Error(
                    f"WEBHOOK_ENDPOINTS entry {number} needs non-empty name, url and secret.",
                    hint=hint,
                    id="webhooks.E002",
                )
            )
            continue
        try:
            URLValidator(schemes=["http", "https"])(endpoint["url"])
        except ValidationError:
            errors.append(
                checks.Error(
                    f"WEBHOOK_ENDPOINTS entry {number}: {endpoint['url']!r} is no http(s) URL.",
                    id="webhooks.E003",
                )
            )
        try:
            validate_webhook_url(endpoint["url"])
        except ValidationError as error:
            errors.append(
                checks.Error(
                    f"WEBHOOK_ENDPOINTS entry {number}: {error.messages[0]}", id="webhooks.E005"
                )
            )
        if endpoint["name"] in names:
            errors.append(
                checks.Error(
                    f"WEBHOOK_ENDPOINTS: the name {endpoint['name']!r} is used twice.",
                    id="webhooks.E004",
                )
            )
        names.add(endpoint["name"])
    return errors
