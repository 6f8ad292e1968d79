"""``gunicorn.conf.py``: sizes and binds the web process from the machine and environment."""

import multiprocessing
import runpy

import pytest
from django.conf import settings

CONFIG = settings.BASE_DIR / "gunicorn.conf.py"
TUNABLES = ["PORT", "GUNICORN_BIND", "WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_TIMEOUT"]


@pytest.fixture
def load_config(monkeypatch):
    for name in TUNABLES:
        monkeypatch.delenv(name, raising=False)

    def load(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(CONFIG))

    return load


def test_defaults_follow_the_cpu_count(load_config):
    config = load_config()
    assert config["workers"] == 2 * multiprocessing.cpu_count() + 1
    assert config["bind"] == "0.0.0.0:8000"
    assert config["wsgi_app"] == "cms.wsgi:application"
    assert "%(M)s" in config["access_log_format"]  # request time in every access log line


def test_environment_overrides(load_config):
    config = load_config(PORT="9100", WEB_CONCURRENCY="3", GUNICORN_TIMEOUT="60")
    assert (config["bind"], config["workers"], config["timeout"]) == ("0.0.0.0:9100", 3, 60)
    assert load_config(GUNICORN_BIND="unix:/run/cms.sock")["bind"] == "unix:/run/cms.sock"
