import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    """The equivalent of `manage.py makemigrations --check`: no model change lacks a migration."""
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as missing:
        pytest.fail(f"Missing migrations:\n{out.getvalue()}", pytrace=False)
        raise missing
