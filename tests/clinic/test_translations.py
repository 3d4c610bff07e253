"""The Spanish catalogue is complete, not fuzzy, current with the code, and its placeholders match."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.environment import skip_or_fail_in_ci

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "clinic" / "locale" / "es" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]")


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    assert PO.exists(), "clinic/locale/es/LC_MESSAGES/django.po is missing"
    return polib.pofile(str(PO))


def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert [e.msgid for e in catalogue.untranslated_entries()] == []


def test_placeholders_match(catalogue):
    mismatched = []
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            expected = sorted(set(PLACEHOLDER.findall(entry.msgid_plural)))
            got = [sorted(set(PLACEHOLDER.findall(text))) for text in entry.msgstr_plural.values()]
            if any(g != expected and g != sorted(set(PLACEHOLDER.findall(entry.msgid))) for g in got):
                mismatched.append(entry.msgid)
        elif sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr)):
            mismatched.append(entry.msgid)
    assert mismatched == []


def test_msgfmt_accepts_the_catalogue():
    if shutil.which("msgfmt") is None:
        skip_or_fail_in_ci("msgfmt (gettext) is not installed")
    result = subprocess.run(  # noqa: S603 - fixed tool
        ["msgfmt", "--check", "-o", "/dev/null", str(PO)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_catalogue_holds_every_string_in_the_code(tmp_path):
    """Run makemessages on a copy of the code: no msgid may be missing from the committed file."""
    if shutil.which("xgettext") is None:
        skip_or_fail_in_ci("xgettext (gettext) is not installed")
    copy = tmp_path / "src"
    for name in ("clinic", "intake", "counseling", "templates", "manage.py"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
        else:
            shutil.copy(source, copy / name)
    (copy / "clinic" / "locale" / "es" / "LC_MESSAGES" / "django.po").unlink()
    result = subprocess.run(  # noqa: S603 - fixed interpreter
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-location", "-v", "0"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={"CONFIANZA_PROFILE": "test", "PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "clinic.settings"},
    )
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(copy / "clinic" / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)) if not e.obsolete}
    assert sorted({(e.msgctxt, e.msgid) for e in fresh} - committed) == []
