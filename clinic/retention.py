"""Retention rules: how long a household is kept.

Default: ``RETENTION_DAYS`` (30) after the last visit, never past the end of the filing season
(``FILING_SEASON_END``, month-day, default October 15: the end of the extension season for the
tax year being filed). Purging itself lives in ``clinic.shredder`` and ``manage.py purge_expired``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def season_end_for(tax_year: int) -> dt.date:
    """Return the last day of the filing season for returns of ``tax_year`` (filed the year after)."""
    try:
        month, day = (int(part) for part in settings.FILING_SEASON_END.split("-"))
        return dt.date(tax_year + 1, month, day)
    except ValueError as exc:
        raise ImproperlyConfigured("CONFIANZA_FILING_SEASON_END must be MM-DD, e.g. 10-15") from exc


def purge_date(*, last_visit: dt.date, tax_year: int) -> dt.date:
    """Return the date after which a household must be deleted."""
    by_visit = last_visit + dt.timedelta(days=settings.RETENTION_DAYS)
    return min(by_visit, max(season_end_for(tax_year), last_visit))
