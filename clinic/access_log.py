"""Access logs name the route, never a visit code (review finding 14).

gunicorn's access log records the path of every request; a household's pages carry its visit code
(``/intake/households/K7MQ-4XTP/edit/``), so the log would keep the code, with a time and an
address, long after the household is purged. ``RouteOnlyLogger`` (``--logger-class
clinic.access_log.RouteOnlyLogger``, docs/deployment.md §4) logs the URL pattern instead
(``/intake/households/<str:code>/edit/``), drops the query string, and blanks anything shaped like a
visit code in every other field (referrer, redirect Location, headers).
"""

from __future__ import annotations

import re

# A visit code (``K7MQ-4XTP``) or anything shaped like one.
CODE_SHAPED = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{4}-[0-9A-Za-z]{4}(?![0-9A-Za-z])")
REDACTED = "<code>"


def redact_codes(text: str) -> str:
    return CODE_SHAPED.sub(REDACTED, text)


def route_of(path: str) -> str:
    """Return the URL pattern that ``path`` resolves to, or the path with code-shaped parts blanked."""
    try:
        from django.urls import Resolver404, resolve

        match = resolve(path)
    except Resolver404:
        return redact_codes(path)
    except Exception:  # Django not set up (the gunicorn master), or a broken URLconf: never fail a log line.
        return redact_codes(path)
    return "/" + match.route if match.route else redact_codes(path)


def route_only_atoms(atoms: dict) -> dict:
    route = route_of(atoms.get("U") or "")
    clean = {key: redact_codes(value) if isinstance(value, str) else value for key, value in atoms.items()}
    clean["U"] = route
    clean["q"] = ""
    clean["f"] = "-"
    clean["r"] = f"{atoms.get('m', '-')} {route} {atoms.get('H', '-')}"
    return clean


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # gunicorn is a production dependency only
    _GunicornLogger = object


class RouteOnlyLogger(_GunicornLogger):
    """gunicorn logger whose access-log atoms carry the route, not the path (see module docstring)."""

    def atoms(self, resp, req, environ, request_time):
        return route_only_atoms(super().atoms(resp, req, environ, request_time))
