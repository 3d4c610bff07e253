"""The documents a clinic relies on exist, say what they must, and match the code."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from clinic import clock
from clinic.management.commands.privacy_inventory import BEGIN, END, inventory_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_privacy_page_carries_the_current_inventory():
    text = (DOCS / "privacy.md").read_text(encoding="utf-8")
    generated = text[text.index(BEGIN) : text.index(END) + len(END)]
    assert generated == inventory_markdown(), (
        "docs/privacy.md is out of date: replace the inventory block with `python manage.py privacy_inventory`"
    )


def test_the_wisp_has_an_owner_and_a_review_date_less_than_a_year_old():
    text = (DOCS / "wisp.md").read_text(encoding="utf-8")
    assert re.search(r"^\*\*Plan owner:\*\* \S", text, re.MULTILINE)
    reviewed = re.search(r"^\*\*Last reviewed:\*\* (\d{4}-\d{2}-\d{2})", text, re.MULTILINE)
    assert reviewed, "docs/wisp.md needs a '**Last reviewed:** YYYY-MM-DD' line"
    assert clock.today() - dt.date.fromisoformat(reviewed.group(1)) < dt.timedelta(days=365)


def test_the_wisp_says_what_to_do_when_records_are_demanded():
    text = (DOCS / "wisp.md").read_text(encoding="utf-8").lower()
    for phrase in ("subpoena", "counsel", "court order", "log", "two people", "incident"):
        assert phrase in text, phrase


def test_the_deployment_guide_schedules_the_purge():
    text = (DOCS / "deployment.md").read_text(encoding="utf-8")
    for phrase in ("purge_expired", "cron", "systemd", "OnCalendar", "gunicorn", "DATABASE_URL", "CONFIANZA_FIELD_KEYS"):
        assert phrase in text, phrase


def test_the_security_page_names_a_test_for_every_control():
    text = (DOCS / "security.md").read_text(encoding="utf-8")
    for test_file in re.findall(r"`(tests/[\w/]+\.py)", text):
        assert (DOCS.parent / test_file).exists(), test_file


def test_every_accepted_bandit_finding_is_explained():
    import json

    baseline = json.loads((DOCS.parent / ".ci" / "bandit-baseline.json").read_text(encoding="utf-8"))
    text = (DOCS / "security.md").read_text(encoding="utf-8")
    for result in baseline["results"]:
        row = next((line for line in text.splitlines() if f"`{result['filename']}`" in line), "")
        assert result["test_id"] in row, f"explain {result['test_id']} in {result['filename']} in docs/security.md"


def test_the_deployment_guide_states_how_long_a_purged_household_stays_in_backups(settings):
    from clinic.backups import purged_gone_from_backups_after_days

    text = (DOCS / "deployment.md").read_text(encoding="utf-8")
    # The number is derived from the settings' defaults (the docs describe a default install).
    assert settings.BACKUP_KEEP_DAYS == 14 and settings.RETENTION_DAYS == 30
    days = purged_gone_from_backups_after_days(settings.BACKUP_KEEP_DAYS)
    assert f"**A purged household leaves the backups within {days} days**" in text
    assert f"kept {settings.BACKUP_KEEP_DAYS} days" in text


def test_the_deployment_guide_names_every_file_in_deploy():
    text = (DOCS / "deployment.md").read_text(encoding="utf-8")
    for path in sorted((DOCS.parent / "deploy").rglob("*")):
        if path.is_file():
            name = path.relative_to(DOCS.parent).as_posix()
            stem = name.rsplit(".", 1)[0]
            assert name in text or f"{stem}.{{service,timer}}" in text, name
