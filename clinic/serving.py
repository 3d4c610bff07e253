"""gunicorn hooks used by deploy/gunicorn.conf.py (kept in the app so they are tested with it)."""

from __future__ import annotations

from clinic.access_log import RouteOnlyLogger
from clinic.health import HEALTH_PATH


class QuietHealthLogger(RouteOnlyLogger):
    """gunicorn's logger that logs routes, not visit codes (``RouteOnlyLogger``), minus one access-log
    line per load-balancer health probe."""

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") == HEALTH_PATH:
            return
        super().access(resp, req, environ, request_time)
