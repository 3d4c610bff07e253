"""Every shipped handout, in every handout language, as printed: in the language's own script and
face, every character a real glyph, nothing of the template left in English, on one sheet.

Runs over what ``load_content`` loaded from counseling/content (the test set-up loads it), so a new
translation is checked the moment its files exist.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from counseling.markup import markdown_to_blocks
from tests.counseling.conftest import pdf_fonts, pdf_text
from tests.counseling.test_pdf_languages import FACES, _family, _is_face

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = [code for code, _name in settings.HANDOUT_LANGUAGES]
NOW = timezone.make_aware(dt.datetime(2026, 12, 3))
pytestmark = pytest.mark.django_db
TRANSLATE = re.compile(r'{%\s*translate\s+"([^"]+)"')
BLOCK = re.compile(r"{%\s*blocktranslate[^%]*%}(.*?){%\s*endblocktranslate\s*%}", re.S)
# Markdown's own marks, which do not print.
MARKDOWN = set("#*_|`>")
# The script most letters of a handout are in.
SCRIPT = {"zh-hans": "CJK UNIFIED", "zh-hant": "CJK UNIFIED", "ko": "HANGUL"}


def template_phrases() -> list[str]:
    """Return the English sentences the handout template adds (headings, footer, notes)."""
    source = (ROOT / "templates" / "counseling" / "handout_pdf.html").read_text(encoding="utf-8")
    phrases = TRANSLATE.findall(source) + [" ".join(block.split()) for block in BLOCK.findall(source)]
    # Placeholders are filled in; keep the longest literal run of each phrase.
    runs = [max(re.split(r"{{[^}]*}}|%\(\w+\)s", phrase), key=len).strip(" .,:;") for phrase in phrases]
    return sorted({run for run in runs if len(run.split()) >= 3})


@pytest.fixture(scope="module")
def shipped(django_db_setup, django_db_blocker):
    """Render the newest published version of every topic, tax year and language (no site)."""
    from counseling.handouts import render_handout
    from counseling.models import HandoutVersion

    pdfs = {}
    with django_db_blocker.unblock(), transaction.atomic():
        for version in HandoutVersion.objects.filter(status="published").select_related("topic").order_by("-version"):
            key = (version.topic.slug, version.tax_year, version.language)
            if key not in pdfs:
                pdfs[key] = (version, render_handout(topic=version.topic, language=version.language, site=None, version=version, now=NOW).content)
        transaction.set_rollback(True)
    if not pdfs:
        pytest.skip("no shipped content loaded")
    return pdfs


def of_language(shipped, language):
    found = {key: value for key, value in shipped.items() if key[-1] == language}
    if not found:
        pytest.fail(f"no published handout in {language}")
    return found


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code in FACES])
def test_every_font_is_embedded_and_the_languages_own_face(shipped, language):
    for key, (_version, pdf) in of_language(shipped, language).items():
        fonts = pdf_fonts(pdf)
        assert fonts and all(font["embedded"] for font in fonts), (key, fonts)
        families = {_family(font["name"]) for font in fonts}
        if language in SCRIPT:  # a CJK document never borrows another region's glyph forms
            assert all(_is_face(family, FACES[language]) for family in families), (key, families)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_character_written_comes_out_of_the_pdf(shipped, language):
    """A glyph missing from the fonts prints as a box and extracts as nothing or U+FFFD."""
    for key, (version, pdf) in of_language(shipped, language).items():
        extracted = unicodedata.normalize("NFC", "".join(pdf_text(pdf)))
        assert "\ufffd" not in extracted, key
        written = unicodedata.normalize("NFC", " ".join(markdown_to_blocks(version.body_markdown)))
        missing = {c for c in written if not c.isspace() and c not in MARKDOWN and c not in extracted}
        assert missing == set(), (key, sorted(missing))


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_nothing_of_the_template_prints_in_english(shipped, language):
    phrases = template_phrases()
    assert len(phrases) > 5
    for key, (_version, pdf) in of_language(shipped, language).items():
        text = " ".join(" ".join(pdf_text(pdf)).split())
        assert [p for p in phrases if p in text] == [], key


@pytest.mark.parametrize("language", sorted(SCRIPT))
def test_the_text_is_in_the_languages_own_script(shipped, language):
    for key, (_version, pdf) in of_language(shipped, language).items():
        letters = [c for c in " ".join(pdf_text(pdf)) if c.isalpha()]
        own = [c for c in letters if unicodedata.name(c, "").startswith(SCRIPT[language])]
        assert len(own) > 0.6 * len(letters), key
