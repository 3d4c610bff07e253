"""The glossary (clinic/glossary.toml) is well formed, documented, and applied to every translation.

The catalogue and handout checks run for every translated language.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import polib
import pytest
from django.utils.translation import to_locale

from clinic.glossary import GLOSSARY_FILE, LANGUAGES, GlossaryError, misses, parse, render_tables, terms

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = ("es", "zh-hans", "zh-hant", "vi", "ko", "tl")
REQUIRED = {
    "itin", "ssn", "ssn-work", "ctc", "actc", "odc", "eitc", "caleitc", "yctc", "fytc", "refund",
    "tax-return", "w7", "caa", "court-order", "immigration-attorney", "confidentiality",
    "filing-status", "head-of-household", "dependent", "estimate", "legal-advice",
}  # fmt: skip

# Handout texts (issue 10 is rewriting them this season) that do not yet use the glossary's term,
# as (language, topic slug, term key), reported on the board for the handouts' author. A new gap
# fails the test; so does a gap listed here that has been fixed (then delete its line).
PENDING_CONTENT: set[tuple[str, str, str]] = set()  # every handout uses the glossary's terms


def test_every_term_the_issue_names_is_in_the_glossary_in_every_language():
    keys = {term.key for term in terms()}
    assert REQUIRED <= keys
    for term in terms():
        assert set(term.languages) == set(LANGUAGES)


def test_every_official_term_cites_the_page_it_came_from():
    for term in terms():
        for language, rendering in term.languages.items():
            if rendering.basis == "team":
                continue
            assert rendering.source.startswith("https://"), (term.key, language)
            host = rendering.source.split("/")[2]
            assert host.endswith(("irs.gov", "ftb.ca.gov")), (term.key, language, host)


def test_a_malformed_glossary_is_refused_with_the_terms_name():
    data = tomllib.loads(GLOSSARY_FILE.read_text(encoding="utf-8"))
    broken = dict(data["term"][0])
    broken["es"] = {**broken["es"], "basis": "official", "source": ""}
    with pytest.raises(GlossaryError, match=f"{broken['key']}.es: an official term needs"):
        parse({"term": [broken]})
    del broken["ko"]
    with pytest.raises(GlossaryError, match="no es entry|no ko entry|needs"):
        parse({"term": [broken]})
    with pytest.raises(GlossaryError, match="regular expressions|unterminated"):
        parse({"term": [{**data["term"][0], "en_full": ["(unclosed"]}]})


def test_docs_glossary_shows_the_current_tables():
    document = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert render_tables() in document, "docs/glossary.md is stale: run `manage.py glossary --write`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_languages_own_term_satisfies_the_check(language):
    """The English term and its glossary translation pass the check: the patterns fit the terms."""
    for term in terms():
        assert misses(term.en, term.languages[language].term, language) == [], (term.key, language)


def test_a_longer_term_is_not_also_counted_as_the_shorter_one():
    english = "The Young Child Tax Credit needs a child under 6."
    assert (
        misses(english, "El Crédito Tributario por Hijos Menores (YCTC) requiere un hijo menor de 6.", "es")
        == []
    )
    # The Spanish for the CTC inside the YCTC's name does not count as using the CTC's term.
    found = misses(
        "The Child Tax Credit and the YCTC.", "El YCTC y el Crédito Tributario por Hijos Menores.", "es"
    )
    assert [m.key for m in found] == ["ctc"]


def test_a_missing_or_different_term_is_reported():
    found = misses("You may get a refund.", "Puede recibir una devolución.", "es")
    assert [(m.key, m.expected) for m in found] == [("refund", "reembolso")]
    found = misses("Send Form W-7 with your tax return.", "Envíe la solicitud con su declaración.", "es")
    assert [m.key for m in found] == ["w7"]


def test_an_acronym_is_enough_where_the_english_uses_only_the_acronym():
    assert misses("The EITC needs earned income.", "El EITC requiere ingreso del trabajo.", "es") == []
    found = misses(
        "The Earned Income Tax Credit needs earned income.", "El EITC requiere ingreso del trabajo.", "es"
    )
    assert [m.key for m in found] == ["eitc"]


def test_the_verb_court_orders_is_not_the_term():
    assert (
        misses("It allows sharing when a court orders it.", "Lo permite cuando un juez lo ordena.", "es")
        == []
    )
    assert [m.key for m in misses("A court order can reach it.", "Un juez puede pedirlo.", "es")] == [
        "court-order"
    ]


def _catalogue_pairs(language: str):
    po = ROOT / "clinic" / "locale" / to_locale(language) / "LC_MESSAGES" / "django.po"
    for entry in polib.pofile(str(po)):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            yield entry.msgid, entry.msgstr_plural.get(0, "")
            for index, text in sorted(entry.msgstr_plural.items()):
                if index > 0:
                    yield entry.msgid_plural, text
        else:
            yield entry.msgid, entry.msgstr


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogue_uses_the_glossary(language):
    gaps = [
        f"{miss.key}: {english!r} -> {translated!r} should use {miss.expected!r}"
        for english, translated in _catalogue_pairs(language)
        if translated
        for miss in misses(english, translated, language)
    ]
    assert gaps == []


def _paragraphs(markdown: str) -> list[str]:
    return [block for block in markdown.replace("\r\n", "\n").split("\n\n") if block.strip()]


def content_gaps(language: str, content_dir=None) -> dict[tuple[str, str, str], list[str]]:
    """Return, per (language, slug, term), where the handouts and court orders miss the glossary."""
    from counseling.loader import read_court_orders, read_handouts

    gaps: dict[tuple[str, str, str], list[str]] = {}

    def check(slug: str, where: str, english: str, translated: str) -> None:
        for miss in misses(english, translated, language):
            gaps.setdefault((language, slug, miss.key), []).append(f"{where}: {english[:80]!r}")

    handouts = {(h.slug, h.tax_year, h.language): h for h in read_handouts(content_dir)}
    for (slug, year, lang), english in sorted(handouts.items(), key=str):
        translated = handouts.get((slug, year, language))
        if lang != "en" or translated is None:
            continue
        check(slug, "title", english.title, translated.title)
        check(slug, "summary", english.summary, translated.summary)
        source, target = _paragraphs(english.body_markdown), _paragraphs(translated.body_markdown)
        if len(source) == len(target):
            for number, (one, other) in enumerate(zip(source, target, strict=True), start=1):
                check(slug, f"paragraph {number}", one, other)
        else:
            check(slug, "body", english.body_markdown, translated.body_markdown)
    for order in read_court_orders(content_dir):
        for field, value in order.items():
            if (
                isinstance(value, dict)
                and isinstance(value.get("en"), str)
                and isinstance(value.get(language), str)
            ):
                check("court-orders", f"{order['key']} {field}", value["en"], value[language])
    return gaps


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_handouts_and_court_orders_use_the_glossary(language):
    gaps = content_gaps(language)
    new = {key: where for key, where in gaps.items() if key not in PENDING_CONTENT}
    assert new == {}, "translations that do not use the glossary's term (see docs/glossary.md)"
    fixed = {key for key in PENDING_CONTENT if key[0] == language and key not in gaps}
    assert fixed == set(), "fixed: delete these from PENDING_CONTENT"


def test_the_content_check_finds_a_gap_in_a_handout(tmp_path):
    """The content check reads real handout files: a Spanish handout without the term fails it."""
    topic = tmp_path / "topics" / "refunds"
    topic.mkdir(parents=True)
    front = 'as_of = 2026-11-21\nreview_by = 2027-01-20\nreviewer = "test"\n'
    (topic / "en.md").write_text(
        f'+++\ntitle = "Refunds"\n{front}+++\nYour refund comes by mail.\n\nAsk us.\n'
    )
    (topic / "es.md").write_text(
        f'+++\ntitle = "Reembolsos"\n{front}+++\nSu devolución llega por correo.\n\nPregúntenos.\n'
    )
    assert set(content_gaps("es", tmp_path)) == {("es", "refunds", "refund")}
