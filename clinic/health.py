"""What a load balancer and an operator ask the app: can you serve?

``/healthz`` answers before any other middleware: no session, no host check, no redirect, no
authentication and no personal data. 200 ``ok`` when the database answers and the field keys load;
503 ``unavailable`` with no detail otherwise (the detail is for ``manage.py doctor``, which runs
on the server). The probe is not logged per request: Django's request log skips it here, and
gunicorn's access log skips it in ``clinic.serving`` (deploy/gunicorn.conf.py).
"""

from __future__ import annotations

from django.db import connection
from django.http import HttpResponse, HttpResponseNotAllowed

from clinic import crypto

HEALTH_PATH = "/healthz"
# AuditEntry.data["reason"] of the site-less PURGE entry that `manage.py purge_expired` writes per run.
PURGE_RUN = "run"
_PROBE = "confianza-health-probe"


def service_available() -> bool:
    """Return whether this process can serve: the database answers and the keys encrypt and decrypt."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return crypto.decrypt(crypto.encrypt(_PROBE)) == _PROBE
    except Exception:  # noqa: BLE001 - any failure means "cannot serve"; the doctor says which
        return False


def _unlogged(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    # django.utils.log.log_response skips a response already marked as logged: a 503 probe every
    # few seconds during an outage must not flood the log (the outage itself is logged by pages).
    response._has_been_logged = True
    return response


class HealthCheckMiddleware:
    """Answer ``/healthz`` first in the chain; pass every other request on untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return _unlogged(HttpResponseNotAllowed(["GET", "HEAD"]))
        if service_available():
            return _unlogged(HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8"))
        return _unlogged(HttpResponse(b"unavailable\n", content_type="text/plain; charset=utf-8", status=503))


def last_purge_run():
    """Return when ``manage.py purge_expired`` last finished, or None."""
    from clinic.models import AuditEntry

    entry = (
        AuditEntry.objects.filter(action=AuditEntry.Action.PURGE, site__isnull=True, data__reason=PURGE_RUN)
        .order_by("-at")
        .only("at")
        .first()
    )
    return entry.at if entry else None
