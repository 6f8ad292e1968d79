"""``/healthz``: can this app server reach its database and its cache?

Load balancers and orchestrators probe it (over plain HTTP, without cookies), so it uses
no session, no authentication and no template, and answers 503 when either dependency is
down so the instance is taken out of rotation until it recovers.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not return the value just stored")
    finally:
        cache.delete(key)


CHECKS = {"database": check_database, "cache": check_cache}


def run_check(name, check):
    try:
        check()
    except Exception:
        logger.exception("Health check %r failed", name)
        return "error"
    return "ok"


@never_cache
@require_safe
def healthz(request):
    results = {name: run_check(name, check) for name, check in CHECKS.items()}
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(results, status=200 if healthy else 503)
