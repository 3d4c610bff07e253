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


def exposed_binds(binds) -> list[str]:
    """The listening addresses that other hosts can reach (not loopback, not a Unix socket)."""
    exposed = []
    for bind in binds:
        if bind.startswith(("unix:", "fd://")):
            continue
        host = bind.rsplit(":", 1)[0].strip("[]") if ":" in bind else bind
        if host in ("localhost", "::1") or host.startswith("127."):
            continue
        exposed.append(bind)
    return exposed


def proxy_trust_warning(binds, proxy_count: int) -> str | None:
    """A warning when the app trusts X-Forwarded-For / -Proto but clients can reach it directly.

    With ``CONFIANZA_PROXY_COUNT`` > 0 the login lockout keys on an address taken from
    X-Forwarded-For, and the production profile trusts X-Forwarded-Proto: a client that reaches
    gunicorn without the proxy could choose its lockout address (security review, finding 8).
    """
    exposed = exposed_binds(binds)
    if proxy_count > 0 and exposed:
        return (
            f"CONFIANZA_PROXY_COUNT={proxy_count} trusts X-Forwarded-For and X-Forwarded-Proto, but gunicorn "
            f"listens on {', '.join(exposed)}, which other hosts can reach without the proxy. Bind 127.0.0.1 "
            "(or a Unix socket) behind the proxy, or firewall that address to the proxy alone "
            "(docs/deployment.md §4)."
        )
    return None


def warn_if_proxy_headers_exposed(server) -> None:
    """gunicorn ``on_starting`` hook: log :func:`proxy_trust_warning` when it applies."""
    import os

    try:
        proxy_count = int(os.environ.get("CONFIANZA_PROXY_COUNT", "0") or 0)
    except ValueError:
        proxy_count = 0  # the settings refuse a bad value with a clear message when the app loads
    message = proxy_trust_warning(server.cfg.bind, proxy_count)
    if message:
        server.log.warning(message)
