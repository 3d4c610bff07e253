"""The one seam for time, so retention and review dates can be tested without sleeping."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    """Return the current aware datetime."""
    return timezone.now()


def today() -> dt.date:
    """Return today's date in the clinic's time zone."""
    return timezone.localdate(now())
