"""Retention rules: how long a household is kept.

Default: ``RETENTION_DAYS`` (30) after the last visit, never past the end of the filing season in
progress at that visit (``FILING_SEASON_END``, month-day, default October 15: the end of the
extension season). A visit after that day belongs to the next season (late and prior-year returns
are prepared all year), so nothing lingers from one season into the next. Purging itself lives in ``intake.shredders`` and ``manage.py purge_expired``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def season_end_after(day: dt.date) -> dt.date:
    """Return the last day of the filing season in progress on ``day`` (on or after it)."""
    try:
        month, dom = (int(part) for part in settings.FILING_SEASON_END.split("-"))
        end = dt.date(day.year, month, dom)
    except ValueError as exc:
        raise ImproperlyConfigured("CONFIANZA_FILING_SEASON_END must be MM-DD, e.g. 10-15") from exc
    return end if end >= day else end.replace(year=day.year + 1)


def purge_date(*, last_visit: dt.date) -> dt.date:
    """Return the date after which a household must be deleted."""
    by_visit = last_visit + dt.timedelta(days=settings.RETENTION_DAYS)
    return min(by_visit, season_end_after(last_visit))
