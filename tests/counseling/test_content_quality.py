"""The shipped handout texts, read as a client would: plain, short, honest, the same in every language.

Every check runs on the content files themselves (``counseling/content``), per topic, tax year and
language, so a new version that drifts fails here before anyone prints it. The [U]/[N] marks cited
in the comments are those of the project's facts file (docs/content.md traces each claim).
"""

from __future__ import annotations

import html
import re
from collections import defaultdict

import pytest
from django.conf import settings
from django.utils import translation

from counseling.loader import CONTENT_DIR, read_handouts
from counseling.markup import markdown_to_blocks, split_front
from counseling.readability import readability as client_readability

HANDOUTS = read_handouts(CONTENT_DIR)
BY_KEY = {(h.slug, h.tax_year, h.language): h for h in HANDOUTS}
IDS = [f"{h.slug}-{h.tax_year or 'any'}-{h.language}" for h in HANDOUTS]
SHIPPED_LANGUAGES = tuple(code for code, _name in settings.HANDOUT_LANGUAGES)
# The heading every client front has, in the languages whose reviews named it.
FRONT_HEADING = {"en": "What to do", "es": "Qué hacer"}


def blocks(handout) -> list[str]:
    return markdown_to_blocks(handout.body_markdown)


def text(handout) -> str:
    return " ".join(blocks(handout))


def test_every_topic_and_tax_year_ships_in_every_handout_language():
    groups = defaultdict(set)
    for handout in HANDOUTS:
        groups[(handout.slug, handout.tax_year)].add(handout.language)
    assert groups, "no shipped content"
    for key, languages in groups.items():
        assert set(SHIPPED_LANGUAGES) <= languages, key


def test_the_2027_season_topics_are_there():
    slugs_years = {(h.slug, h.tax_year) for h in HANDOUTS}
    assert {("federal-credits", 2026), ("federal-credits", 2025), ("california-credits", 2026)} <= slugs_years
    assert {"refunds-and-banking", "late-returns", "itin", "court-orders"} <= {h.slug for h in HANDOUTS}


@pytest.mark.parametrize("handout", HANDOUTS, ids=IDS)
def test_the_client_text_reads_at_a_sixth_grade_level(handout):
    score, formula = client_readability(handout.body_markdown, handout.language)
    if handout.language == "en":
        assert formula == "flesch_kincaid_grade"
        assert score <= 6.0, (handout.slug, score)
    elif handout.language == "es":
        assert formula == "fernandez_huerta"
        assert score >= 80.0, (handout.slug, score)


@pytest.mark.parametrize("handout", HANDOUTS, ids=IDS)
def test_it_opens_with_a_client_front_and_keeps_citations_out_of_the_client_text(handout):
    front, rest = split_front(handout.body_markdown)
    assert front.strip() and rest.strip(), "the client front ends at a '---' line"
    headings = re.findall(r"^## (.+)$", front, flags=re.M)
    if handout.language in FRONT_HEADING:
        assert FRONT_HEADING[handout.language] in headings, headings
    # A translation keeps the English layout: the same headings in the front and after it.
    english = BY_KEY[(handout.slug, handout.tax_year, "en")]
    english_front, english_rest = split_front(english.body_markdown)
    for part, source in ((front, english_front), (rest, english_rest)):
        assert len(re.findall(r"^#{2,3} ", part, flags=re.M)) == len(re.findall(r"^#{2,3} ", source, flags=re.M))
    body = text(handout)
    for citation in ("§", "IRC ", "R&TC", "P.L. ", "Rev. Proc", "U.S.C."):
        assert citation not in body, citation
    with translation.override(handout.language):
        footer = translation.gettext("Not legal advice.").rstrip(".。").lower()
    assert footer not in body.lower(), "the footer says it once per page"
    if handout.language in ("en", "es"):  # languages written with few spaces are held by the page count
        words = len(body.split())
        assert words <= 560, words  # with the front, the referral list and the sources: two Letter pages


def _numbers(handout) -> set[str]:
    # Years are matched by digits alone: in Chinese and Korean a year runs into the next character
    # (2026年, 2026년), and Python counts those as word characters.
    found = set(re.findall(r"\$\d(?:[\d,]*\d)?|\d+%|(?<!\d)(?:19|20)\d\d(?!\d)", text(handout)))
    return found


@pytest.mark.parametrize("key", sorted({(h.slug, h.tax_year) for h in HANDOUTS}, key=str), ids=str)
def test_every_language_prints_the_same_amounts_percentages_and_years(key):
    english = BY_KEY[(*key, "en")]
    for (slug, year, language), handout in BY_KEY.items():
        if (slug, year) == key and language != "en":
            assert _numbers(handout) == _numbers(english), language


# A claim the facts file marks [U] (or gets wrong) must never be printed as settled. Each row: a
# pattern that would state it as settled, per language, and the facts-file place.
NEVER_SETTLED = [
    (r"(?i)\ba child with an ITIN (can|does) count", r"(?i)\bun hijo con ITIN (puede contar|cuenta)", "§2.1 [U] ITIN children"),
    (r"\$635|\$251", r"\$635|\$251", "§2.1 [U] 2025 CalEITC floor"),
    (r"(?i)\bthe IRS (and [^.]* )?signed", r"(?i)\bel IRS (y [^.]* )?firm", "§4.1: the Treasury Secretary signed"),
    (r"\$2,300|\$192,600", r"\$2,300|\$192,600", "§1A.3/§1A.5 [U] projections"),
    (r"(?i)15% (drop|fewer)", r"(?i)15% menos", "§4.3 unsourced"),
    (r"\b18\D{1,6}25\b|13 or older", r"\b18\D{1,6}25\b|13 años o más", "§2.3 [U] FYTC eligibility"),
    (r"(?i)where things stand", r"(?i)situación actual", "§4.2 status note [U]"),
]
# A block (paragraph or list item) that mentions a [U] matter must carry its hedge in the same block.
HEDGED = [
    # (mention, hedge) per language, facts-file place
    ({"en": r"(?i)trump account", "es": r"(?i)cuenta trump"},
     {"en": r"(?i)do not know", "es": r"(?i)no sabemos"}, "§1A.7 [U] ITIN parent election"),
    ({"en": r"December 31, 2026", "es": r"31 de diciembre de 2026"},
     {"en": r"(?i)tax-help sites say|either way", "es": r"(?i)sitios de ayuda|como la lea"}, "§1.2 [N]/[U] IRS-practice expiry"),
    ({"en": r"(?i)\btips\b.*only one spouse", "es": r"(?i)propinas.*solo un cónyuge"},
     {"en": r"(?i)not clear", "es": r"(?i)no está clara"}, "§1.4 [U] tips/overtime, one ITIN spouse"),
    ({"en": r"(?i)still in force|in force today", "es": r"(?i)siguen? vigentes?"},
     {"en": r"(?i)do not know|could not", "es": r"(?i)no sabemos|no pudimos"}, "§4.2 [U] injunction status"),
    ({"en": r"(?i)even with no pay", "es": r"(?i)aun sin sueldo"},
     {"en": r"(?i)have not checked", "es": r"(?i)no hemos revisado"}, "§2.2 [U] zero-income tests"),
    ({"en": r"(?i)SSN or an ITIN", "es": r"(?i)SSN o un ITIN"},
     {"en": r"(?i)web page says|FTB's web page", "es": r"(?i)página web de la FTB"}, "§2.1 [N] FTB page (3514 not read)"),
    ({"en": r"(?i)direct file", "es": r"(?i)direct file"},
     {"en": r"(?i)as reported|no sign", "es": r"(?i)según las noticias|no encontramos"}, "§4A.3 [N]/[U]"),
    ({"en": r"(?i)\bCP53E\b.*frozen", "es": r"(?i)CP53E.*congelado"},
     {"en": r"(?i)report", "es": r"(?i)dicen"}, "§4A.1 [N]"),
    ({"en": r"(?i)\bbanks?\b.*\bITIN\b", "es": r"(?i)\bbancos?\b.*\bITIN\b"},
     {"en": r"(?i)news reports|as reported|reports", "es": r"(?i)noticias|informes"}, "§4A.2 [N]"),
]


# A back-translation says a hedge in its own words ("we did not check", "not yet clear"): for it,
# any of these uncertain phrasings counts, beside the row's own English hedge.
BACK_HEDGE = (
    r"(?i)\b(may|might|not (yet )?(clear|known|sure|certain|confirmed|settled|decided|checked)|unclear"
    r"|(do|does|did) not (yet )?know|don't (yet )?know|(did|have|has) not (yet )?(check|read|confirm|found|find)"
    r"|could not|couldn't|as reported|news reports?|reports? say|according to|on this reading|either way"
    r"|tax[- ]help (web)?sites?|no sign|found no|did not find)\b"
)


def check_hedges(block_list: list[str], language: str) -> None:
    for english, spanish, where in NEVER_SETTLED:
        pattern = spanish if language == "es" else english
        for block in block_list:
            assert not re.search(pattern, block), (where, block)
    # A heading alone hedges nothing; a hedge may sit in the block or in its section's heading.
    section = ""
    for block in block_list:
        if block.startswith("#"):
            section = block
            continue
        for mention, hedge, where in HEDGED:
            code = "en" if language == "en-back" else language
            if re.search(mention[code], block):
                found = re.search(hedge[code], block + " " + section)
                if language == "en-back":
                    found = found or re.search(BACK_HEDGE, block + " " + section)
                assert found, (where, block)


@pytest.mark.parametrize("handout", [h for h in HANDOUTS if h.language in ("en", "es")], ids=str)
def test_no_uncertain_fact_is_printed_as_settled(handout):
    check_hedges(blocks(handout), handout.language)


# The other languages are read through their blind back-translation into English
# (docs/translations/<language>/, made by a second translator who did not see the English): the
# English checks must hold on what the translation says.
BACK_DIR = CONTENT_DIR.parent.parent / "docs" / "translations"
BACK_TRANSLATED = [h for h in HANDOUTS if h.language not in ("en", "es")]


def back_translation_path(handout):
    in_year_folder = (CONTENT_DIR / "topics" / handout.slug / str(handout.tax_year) / f"{handout.language}.md").exists()
    name = f"{handout.slug}-{handout.tax_year}.en.md" if in_year_folder else f"{handout.slug}.en.md"
    return BACK_DIR / handout.language / name


@pytest.mark.parametrize("handout", BACK_TRANSLATED, ids=[f"{h.slug}-{h.tax_year}-{h.language}" for h in BACK_TRANSLATED])
def test_a_translation_says_what_the_english_says_read_back(handout):
    path = back_translation_path(handout)
    assert path.exists(), f"no back-translation {path.relative_to(BACK_DIR.parent.parent)}"
    assert (BACK_DIR / handout.language / "review.md").exists(), "no comparison of the back-translation"
    back = markdown_to_blocks(path.read_text(encoding="utf-8").split("-->", 1)[-1])
    check_hedges(back, "en-back")
    english = BY_KEY[(handout.slug, handout.tax_year, "en")]
    numbers = set(re.findall(r"\$\d(?:[\d,]*\d)?|\d+%|(?<!\d)(?:19|20)\d\d(?!\d)", " ".join(back)))
    assert numbers == _numbers(english)


def test_california_2026_says_plainly_that_its_amounts_are_estimates():
    english = text(BY_KEY[("california-credits", 2026, "en")])
    spanish = text(BY_KEY[("california-credits", 2026, "es")])
    assert "California has not published its 2026 amounts yet" in english and "estimate" in english
    assert "California todavía no publicó sus cantidades de 2026" in spanish and "estimado" in spanish


# The Spanish review's corrections, and its consistency rules, everywhere a Spanish reader looks.
SPANISH_NEVER = [
    r"Bueno saber", r"\bConfirmada\b", r"situación actual", r"coordinador del sitio", r"\btribunal",
    r"\besposos\b", r"Junta de Impuestos", r"voluntarios sin pago", r"\bCastigos\b", r"Cada consulta",
    r"consejos de inmigración", r"orden final de expulsión", r"declara como soltera\b", r"arriba de \$",
    r"Lo que sí funciona con ITIN", r"AOTC y Lifetime Learning", r"le promete", r"no ha leído",
    r"Nadie que presenta esta declaración", r"impuesto federal sobre los ingresos que reduce",
    r"Traiga los documentos de abajo",
]


def _spanish_texts() -> dict[str, str]:
    texts = {f"{h.slug}-{h.tax_year}": h.title + " " + h.summary + " " + h.body_markdown
             for h in HANDOUTS if h.language == "es"}
    po = (CONTENT_DIR.parent.parent / "clinic" / "locale" / "es" / "LC_MESSAGES" / "django.po").read_text()
    # Every msgstr with its continuation lines, joined as gettext joins them.
    entries = re.findall(r'^msgstr(?:\[\d+\])? ((?:".*"\n?)+)', po, flags=re.M)
    texts["django.po"] = " ".join(
        html.unescape("".join(re.findall(r'"(.*)"', entry))) for entry in entries
    )
    texts["court_orders.toml"] = (CONTENT_DIR / "court_orders.toml").read_text()
    return texts


@pytest.mark.parametrize("pattern", SPANISH_NEVER)
def test_the_spanish_corrections_hold(pattern):
    for name, value in _spanish_texts().items():
        assert not re.search(pattern, value), (name, pattern)


def test_spanish_names_the_ftb_one_way():
    for name, value in _spanish_texts().items():
        if name.startswith("california") or name.startswith("late"):
            assert "Franchise Tax Board (FTB), la agencia de impuestos de California" in value or "FTB" in value, name
