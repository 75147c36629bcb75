from __future__ import annotations

import logging

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .celery import app as celery_app

log = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
            return cur.fetchone() == (1,)
    except Exception:  # any driver error means "not reachable"
        log.warning("healthz: database unreachable", exc_info=True)
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        log.warning("healthz: broker unreachable", exc_info=True)
        return False


@never_cache
def healthz(request):
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    ok = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if ok else "unavailable",
            **{k: "ok" if v else "down" for k, v in checks.items()},
        },
        status=200 if ok else 503,
    )


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else "You don't have access to this."
    return render(request, "errors/403.html", {"message": message}, status=403)


def server_error(request):
    return render(request, "errors/500.html", status=500)
