"""Lockout and sign-in records keep usernames and addresses no longer than they must.

django-axes keeps a row per username and address with failures (``AccessAttempt``), one per
successful sign-in (``AccessLog``) and, if enabled, one per failure (``AccessFailureLog``). A
failed-attempt row is needed only during its cool-off; sign-in records serve an investigation for
``SECURITY_RECORD_DAYS`` (30). ``manage.py purge_expired`` prunes both every day. None of them holds
a visit code: ``?next=`` is masked (``AXES_SENSITIVE_PARAMETERS``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class PruneResult:
    attempts: int
    access_logs: int
    failure_logs: int


def prune_security_records(*, now: dt.datetime | None = None) -> PruneResult:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    now = now or timezone.now()
    keep_after = now - dt.timedelta(days=settings.SECURITY_RECORD_DAYS)
    attempts, _ = AccessAttempt.objects.filter(attempt_time__lt=now - settings.AXES_COOLOFF_TIME).delete()
    access, _ = AccessLog.objects.filter(attempt_time__lt=keep_after).delete()
    failures, _ = AccessFailureLog.objects.filter(attempt_time__lt=keep_after).delete()
    return PruneResult(attempts=attempts, access_logs=access, failure_logs=failures)
