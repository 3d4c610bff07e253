"""What the suite needs from the machine, and what happens when it is missing.

On a developer's machine a missing browser or gettext turns its tests into skips (``-ra`` lists
them). In CI (``CI=true``, as ``.ci/run`` is run, or ``CONFIANZA_STRICT_TESTS=1``) it is a failure:
a CI machine without them must not pass. PostgreSQL-only tests are skipped on the SQLite pass in
either case; CI's second pass runs them (``.ci/run``).
"""

from __future__ import annotations

import os

import pytest

TRUE = ("1", "true", "yes", "on")


def strict() -> bool:
    """True in CI: a missing tool fails the run instead of skipping tests."""
    return os.environ.get("CI", "").strip().lower() in TRUE or os.environ.get(
        "CONFIANZA_STRICT_TESTS", ""
    ).strip().lower() in TRUE


def skip_or_fail_in_ci(reason: str) -> None:
    """Skip the current test, or fail it in CI."""
    if strict():
        pytest.fail(f"{reason} (required in CI: CI=true)", pytrace=False)
    pytest.skip(reason)
