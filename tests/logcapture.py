"""Capture what the project's own logging handler writes, with its filters and formatter as configured.

Swapping the configured handler's stream (rather than adding a filter to pytest's ``caplog``)
means a test sees exactly what would reach the server's log: if the project's handler lost its
scrub filter, the test would see the raw record.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager


def project_handlers() -> list[logging.StreamHandler]:
    """The stream handlers the project's LOGGING installed (on the root and on django.request)."""
    found: list[logging.StreamHandler] = []
    for logger in (logging.getLogger(), logging.getLogger("django.request")):
        for handler in logger.handlers:
            if type(handler) is logging.StreamHandler and handler not in found:
                found.append(handler)
    assert found, "the project's LOGGING installed no stream handler"
    return found


@contextmanager
def project_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handlers = project_handlers()
    # Assign rather than setStream(): that flushes the old stream, which a previous in-process
    # pytest session (mutation testing runs several) may have closed.
    old = []
    for handler in handlers:
        with handler.lock:
            old.append(handler.stream)
            handler.stream = stream
    try:
        yield stream
    finally:
        for handler, previous in zip(handlers, old, strict=True):
            with handler.lock:
                handler.stream = previous
