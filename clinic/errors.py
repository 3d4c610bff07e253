"""Keep personal data out of error reports and log records.

Deny by default (security-references §3, vita-min's log filter): an error report shows no request
parameters, no local variables and no settings; a log record carries no request object and no
exception message (an exception's text can quote a value a client gave), only the exception's class
and where it was raised.
"""

from __future__ import annotations

import logging
import traceback

from django.views.debug import SafeExceptionReporterFilter

HIDDEN = "[hidden]"


class HideEverythingFilter(SafeExceptionReporterFilter):
    """An exception-reporter filter that hides every parameter, variable and setting."""

    cleansed_substitute = HIDDEN

    def is_active(self, request) -> bool:
        return True

    def get_safe_settings(self) -> dict:
        return {}

    def get_safe_request_meta(self, request) -> dict:
        return {}

    def get_safe_cookies(self, request) -> dict:
        return {}

    def get_post_parameters(self, request) -> dict:
        if request is None:
            return {}
        return dict.fromkeys(request.POST, HIDDEN)

    def get_traceback_frame_variables(self, request, tb_frame) -> list:
        return []


class ScrubRecordFilter(logging.Filter):
    """Drop request objects and exception messages from log records; keep the rest.

    The exception becomes ``ExceptionClass at file:line`` appended to the message, so an operator
    still learns what failed and where, but nothing a client typed can ride along.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        if record.exc_info and record.exc_info[0] is not None:
            exc_type, _exc, tb = record.exc_info
            where = ""
            frames = traceback.extract_tb(tb) if tb is not None else []
            if frames:
                last = frames[-1]
                where = f" at {last.filename}:{last.lineno} in {last.name}"
            record.msg = f"{record.getMessage()} [{exc_type.__module__}.{exc_type.__qualname__}{where}]"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        record.stack_info = None
        return True


def database_unavailable(exc: BaseException | None) -> bool:
    """Return whether ``exc`` means the database cannot be reached or refused the work for now."""
    from django.db import InterfaceError, OperationalError

    return isinstance(exc, (OperationalError, InterfaceError))


def server_error(request):
    """handler500: a database outage is a calm 503 in the user's language; anything else is a 500.

    Renders without the request, so the page needs neither the session nor the user (both live in
    the database that is gone). Each write is one transaction, so nothing is half-written; the next
    request opens a new connection, so service resumes when the database returns.
    """
    import sys

    from django.http import HttpResponse
    from django.template import loader
    from django.views import defaults

    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return defaults.server_error(request)
