"""Every interface catalogue is complete, not fuzzy, current with the code, compiled, in its own
script, and its placeholders and markup match the English.

A catalogue is checked as soon as its folder exists under clinic/locale, so a language cannot be
added half-translated; every interface language in settings.LANGUAGES must have one.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_language, to_locale

from tests.environment import skip_or_fail_in_ci

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = ROOT / "clinic" / "locale"
LOCALES = sorted(path.name for path in LOCALE_DIR.iterdir() if (path / "LC_MESSAGES" / "django.po").exists())
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
# Commands, JSON keys and addresses stay as they are in every language.
CODE = re.compile(r"`[^`]*`|\"[^\"]*\"|https?://\S+|\{[^}]*\}|\b\w+_\w+\b")
# The script a translation must be written in: the share of its letters from that script.
SCRIPTS = {
    "zh_Hans": ("CJK UNIFIED",),
    "zh_Hant": ("CJK UNIFIED",),
    "ko": ("HANGUL",),
}
# Characters found only in one of the two Chinese scripts (a Traditional text must not use the
# Simplified form and the reverse).
SIMPLIFIED_ONLY = set("们这说为对时会个东车门见长问们发经过还进业实现")
TRADITIONAL_ONLY = set("們這說為對時會個東車門見長問發經過還進業實現")


# Django's own messages (form errors, the sign-in form) for a language Django ships no catalogue
# for: clinic/locale_django, checked like the project's catalogues (tests/clinic/test_django_strings.py
# checks that it holds every message of the Django modules a volunteer meets).
DJANGO_STRINGS = {"tl (Django's own messages)": ROOT / "clinic" / "locale_django" / "tl" / "LC_MESSAGES" / "django.po"}


def po_path(locale: str) -> Path:
    return DJANGO_STRINGS.get(locale) or LOCALE_DIR / locale / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module", params=LOCALES + list(DJANGO_STRINGS))
def catalogue(request) -> tuple[str, polib.POFile]:
    return request.param, polib.pofile(str(po_path(request.param)))


def texts(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_every_interface_language_has_a_catalogue():
    expected = {to_locale(code) for code, _name in settings.LANGUAGES if code != "en"}
    assert expected <= set(LOCALES)


def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    locale, po = catalogue
    assert [e.msgid for e in po.fuzzy_entries()] == [], locale
    assert [e.msgid for e in po.untranslated_entries()] == [], locale
    assert [e.msgid for e in po if e.msgid_plural and not all(texts(e))] == [], locale


def test_placeholders_and_markup_match(catalogue):
    locale, po = catalogue
    mismatched = []
    for entry in po.translated_entries():
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        wanted = [sorted(set(PLACEHOLDER.findall(s))) for s in sources]
        tags = sorted(TAG.findall(entry.msgid))
        for text in texts(entry):
            if sorted(set(PLACEHOLDER.findall(text))) not in wanted and not (
                entry.msgid_plural and set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(entry.msgid_plural))
            ):
                mismatched.append(("placeholders", entry.msgid))
            if sorted(TAG.findall(text)) != tags:
                mismatched.append(("markup", entry.msgid))
    assert mismatched == [], locale


def test_the_translation_is_in_the_languages_own_script(catalogue):
    locale, po = catalogue
    names = SCRIPTS.get(locale)
    if names is None:
        pytest.skip(f"{locale} is written in Latin letters")
    foreign = []
    for entry in po.translated_entries():
        for text in texts(entry):
            plain = CODE.sub("", PLACEHOLDER.sub("", TAG.sub("", text)))
            letters = [c for c in plain if c.isalpha() and not c.isascii()]
            latin = [c for c in plain if c.isascii() and c.isalpha()]
            own = [c for c in letters if unicodedata.name(c, "").startswith(names)]
            # Acronyms (IRS, ITIN, SSN, W-7) stay in Latin letters; a sentence must be in the script.
            if len(latin) > 12 and len(own) < len(latin) / 4:
                foreign.append(entry.msgid)
    assert foreign == [], locale


@pytest.mark.parametrize(("locale", "other"), [("zh_Hans", TRADITIONAL_ONLY), ("zh_Hant", SIMPLIFIED_ONLY)])
def test_chinese_catalogues_do_not_mix_scripts(locale, other):
    if locale not in LOCALES:
        pytest.skip(f"no {locale} catalogue")
    po = polib.pofile(str(po_path(locale)))
    mixed = [e.msgid for e in po.translated_entries() if any(set(t) & other for t in texts(e))]
    assert mixed == []


def test_msgfmt_accepts_the_catalogue(catalogue):
    locale, _po = catalogue
    if shutil.which("msgfmt") is None:
        skip_or_fail_in_ci("msgfmt (gettext) is not installed")
    result = subprocess.run(  # noqa: S603 - fixed tool
        ["msgfmt", "--check", "-o", "/dev/null", str(po_path(locale))],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_committed_compiled_catalogue_matches_its_source(catalogue):
    locale, po = catalogue
    mo = polib.mofile(str(po_path(locale).with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): tuple(texts(e)) for e in mo if e.msgid}
    source = {(e.msgctxt, e.msgid): tuple(texts(e)) for e in po.translated_entries()}
    assert compiled == source, f"recompile clinic/locale/{locale}: msgfmt -o django.mo django.po"


@pytest.fixture(scope="module")
def code_msgids(tmp_path_factory) -> set[tuple[str | None, str]]:
    """Run makemessages on a copy of the code and return every (context, msgid) it finds."""
    if shutil.which("xgettext") is None:
        skip_or_fail_in_ci("xgettext (gettext) is not installed")
    copy = tmp_path_factory.mktemp("src")
    for name in ("clinic", "intake", "counseling", "templates", "manage.py"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "locale"))
        else:
            shutil.copy(source, copy / name)
    (copy / "clinic" / "locale").mkdir()
    result = subprocess.run(  # noqa: S603 - fixed interpreter
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-location", "-v", "0"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={"CONFIANZA_PROFILE": "test", "PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "clinic.settings"},
    )
    assert result.returncode == 0, result.stderr
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "clinic" / "locale" / "es" / "LC_MESSAGES" / "django.po"))}


def test_the_catalogue_holds_every_string_in_the_code(catalogue, code_msgids):
    locale, po = catalogue
    if locale in DJANGO_STRINGS:
        pytest.skip("Django's own messages: see tests/clinic/test_django_strings.py")
    committed = {(e.msgctxt, e.msgid) for e in po if not e.obsolete}
    assert sorted(code_msgids - committed) == [], locale


BACK_TRANSLATIONS = ROOT / "docs" / "translations"


def back_translation_file(locale: str) -> Path:
    if locale in DJANGO_STRINGS:
        return BACK_TRANSLATIONS / "tl" / "django-builtin.en.json"
    return BACK_TRANSLATIONS / to_language(locale) / "catalogue.en.json"


@pytest.mark.parametrize(
    "locale", [loc for loc in [*LOCALES, *DJANGO_STRINGS] if back_translation_file(loc).parent.is_dir()]
)
def test_every_catalogue_entry_has_an_independent_back_translation(locale):
    """Each machine-made catalogue was checked by a blind back-translation into English
    (docs/translations/<language>/catalogue.en.json, the comparison in review.md): a string added
    to the code without that check fails here, so it cannot reach a client unchecked."""
    back = json.loads(back_translation_file(locale).read_text(encoding="utf-8"))
    po = polib.pofile(str(po_path(locale)))
    keys = {f"{e.msgctxt}\u0004{e.msgid}" if e.msgctxt else e.msgid for e in po if not e.obsolete}
    assert sorted(keys - set(back)) == []
    assert all(back[key] for key in keys), "an empty back-translation"
