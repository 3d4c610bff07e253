"""Language codes as people and browsers write them, mapped to the codes this app uses.

The app names each language by one lower-case code (``en``, ``es``, ``zh-hans``, ``zh-hant``, ``vi``,
``ko``, ``tl``): the keys of ``settings.LANGUAGES`` (the interface) and ``settings.HANDOUT_LANGUAGES``
(handouts, a superset). People type ``zh-Hans`` or ``zh_Hant``; browsers send ``zh-TW``, ``ko-KR``
or ``es-419``; Filipino speakers may write ``fil``. ``normalize_language`` turns any of these into the
app's code, and every place a code comes in (the language picker, handout URLs, ``manage.py handout``,
``manage.py screen``, the desk and summary forms, content files) goes through it, so a code accepted
in one place is accepted in all of them.

Chinese is decided by script, then by region: ``zh-Hant-*``/``zh-TW``/``zh-HK``/``zh-MO`` and
Cantonese (``yue``) are Traditional; ``zh-Hans-*``/``zh-CN``/``zh-SG``/``zh-MY`` and a bare ``zh``
are Simplified (the CLDR "likely subtags" of ``zh`` and ``yue``).
"""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_noop

# Names of the languages in their own script, for the language picker and handout choices. The
# handout and interface language lists in settings use exactly these (tests/clinic/test_languages.py).
NATIVE_NAMES = {
    "en": "English",
    "es": "Español",
    "zh-hans": "中文（简体）",
    "zh-hant": "中文（繁體）",
    "vi": "Tiếng Việt",
    "ko": "한국어",
    "tl": "Tagalog",
}
# BCP 47 tags for HTML ``lang`` attributes: the script subtag is what makes browsers and Pango pick
# the regional glyph forms (Simplified vs Traditional Chinese).
BCP47_TAGS = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}

# Primary language subtags that mean a language the app names by another code.
_PRIMARY_ALIASES = {"fil": "tl", "cmn": "zh"}
_TRADITIONAL_REGIONS = frozenset({"tw", "hk", "mo"})
# A syntactically plausible tag: a 2–8 letter primary subtag, then 1–8 character subtags.
_TAG = re.compile(r"[a-z]{2,8}(?:-[a-z0-9]{1,8})*")
_MAX_TAG_LENGTH = 64


def handout_codes() -> list[str]:
    return [code for code, _name in settings.HANDOUT_LANGUAGES]


def interface_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _app_code(tag: str) -> str:
    """Return the app-style code for a lower-case, hyphenated, well-formed tag (not yet checked
    against any list)."""
    primary, *rest = tag.split("-")
    primary = _PRIMARY_ALIASES.get(primary, primary)
    if primary not in ("zh", "yue"):
        return primary
    script = next((s for s in rest if len(s) == 4 and s.isalpha()), None)
    region = next((s for s in rest if len(s) == 2 and s.isalpha()), None)
    if script in ("hans", "hant"):
        return f"zh-{script}"
    if primary == "yue" or region in _TRADITIONAL_REGIONS:
        return "zh-hant"
    return "zh-hans"


def normalize_language(value, allowed=None) -> str | None:
    """Return the app's code for a language code as written, or None if it names none of ``allowed``.

    ``allowed`` is an iterable of app codes; by default every handout language. Case, ``_`` for
    ``-``, surrounding blanks, region and script subtags are all accepted: ``zh_Hant`` → ``zh-hant``,
    ``ko-KR`` → ``ko``, ``es-MX`` → ``es``, ``fil`` → ``tl``. Anything else (empty, not a string,
    malformed, a language the list does not hold) is None, never an exception.
    """
    if not isinstance(value, str):
        return None
    tag = value.strip().replace("_", "-").lower()
    if not tag or len(tag) > _MAX_TAG_LENGTH or not _TAG.fullmatch(tag):
        return None
    codes = set(handout_codes() if allowed is None else allowed)
    code = _app_code(tag)
    return code if code in codes else None


def normalize_interface_language(value) -> str | None:
    """Return the interface (catalogue) language for a code as written, or None."""
    return normalize_language(value, interface_codes())


def language_name(code: str) -> str:
    """Return a language's name in its own script (the code itself for an unknown one)."""
    return NATIVE_NAMES.get(code, code)


def bcp47(code: str) -> str:
    """Return the BCP 47 tag for an app code (``zh-hant`` → ``zh-Hant``), for ``lang`` attributes."""
    return BCP47_TAGS.get(code, code)


class LanguageChoiceField(forms.ChoiceField):
    """A choice of language that accepts the code as written (``zh-Hans``, ``ko-KR``) and cleans to
    the app's code; a code naming none of the choices gets the usual "not one of the choices"."""

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return text
        codes = [str(key) for key, _label in self.choices]
        return normalize_language(text, codes) or text


# Django translates month names itself for most languages but ships no Tagalog catalogue. Marked
# here, the names Django's date formats use ("F": the month written out) enter the project's
# catalogues, which Django reads before its own, so "Disyembre 2, 2026" prints in Tagalog with the
# formats of clinic/formats/tl; a language Django translates gets the same word it would anyway.
MONTH_NAMES = (
    gettext_noop("January"), gettext_noop("February"), gettext_noop("March"), gettext_noop("April"),
    gettext_noop("May"), gettext_noop("June"), gettext_noop("July"), gettext_noop("August"),
    gettext_noop("September"), gettext_noop("October"), gettext_noop("November"), gettext_noop("December"),
)
