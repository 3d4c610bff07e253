"""The JSON contract field by field: flags, changes and the people they name, in English and Spanish.

One fixed household (tax year 2025): a single filer with an ITIN not used on a return for three
years, wages of $20,000, a 10-year-old with an SSN and a 4-year-old with no number. Every figure
below is computed by hand from the 2025 parameters (facts §1), not read back from the engine:
- tax before credits: $20,000 − $15,750 standard deduction = $4,250 taxable × 10% = **$425**;
- CTC if the taxpayer receives an SSN: one child, $2,200; $425 used against the tax, $1,775 left;
  ACTC = least of $1,775, the $1,700 cap and 15% × ($20,000 − $2,500) = $2,625 → $1,700;
  **$2,125** in all. With the 4-year-old's SSN as well: $4,400, $425 used, $3,975 left, ACTC =
  least of $3,975, $3,400 and $2,625 → $2,625; **$3,050**;
- EITC if the taxpayer receives an SSN: one child, the 2025 maximum **$4,328** (wages are past the
  $12,730 phase-in end and below the $23,350 phase-out start); with two children **$7,152**;
- YCTC if the 4-year-old gets an ITIN: a CalEITC child under 6 and earnings below $27,425, so the
  whole **$1,189**.
(Mutation audit, issue 14: ``Flag.as_dict``, ``Change.as_dict``, ``subject_text`` and
``Message.__repr__`` had no test that read their output.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from intake.eligibility import assess, parse_household
from intake.eligibility.result import Message, subject_text
from tests.intake.households import household, kid

SSN_BY_DUE_DATE = "receives an SSN valid for work issued before the return's due date (extensions included)"


@pytest.fixture
def screened():
    data = household(taxpayer_id="itin", wages=20000, dependents=[kid("ssn", 10), kid("none", 4)])
    data["taxpayer"]["itin_used_recently"] = False
    return assess(parse_household(data))


def test_the_tax_and_the_odc_are_the_hand_figures(screened):
    out = screened.as_dict()
    assert out["federal_income_tax_before_credits"] == 425
    assert out["credits"]["federal_odc"]["amount"] == 425  # the 10-year-old's $500, limited by the tax


def test_flags_carry_code_message_citation_and_subject(screened):
    flags = screened.as_dict()["flags"]
    assert flags[0] == {
        "code": "itin_renewal_unused_three_years",
        "message": (
            "The ITIN of the taxpayer was not on a federal return for 2022, 2023 or 2024, so it has "
            "expired or is about to: renew it with Form W-7 attached to this return. The expiry date is "
            "read two ways: IRS practice says December 31, 2025; the statute says the day after the due "
            "date of the 2024 return. Check the IRS ITIN page before telling the client a date."
        ),
        "citation": "IRC §6109(i)(3); IRS ITIN expiry practice (facts §1.2 [N]/[U])",
        "subject": "taxpayer",
    }
    assert flags[1] == {
        "code": "dependent_needs_w7",
        "message": (
            "Dependent 2 has no SSN, ITIN or ATIN. A Form W-7 sent with the return may let them count "
            "for the Credit for Other Dependents and California's credits."
        ),
        "citation": "IRC §24(e)(1); IRS Tax Topic 857; FTB CalEITC eligibility",
        "subject": "dependent 2",
    }


def test_changes_carry_every_edit_and_the_amount_after(screened):
    credits = screened.as_dict()["credits"]
    assert credits["federal_ctc"]["changes"] == [
        {
            "code": "filer_ssn_before_due_date",
            "message": f"If the taxpayer {SSN_BY_DUE_DATE}, this credit would be $2,125.",
            "citation": "IRC §24(h)(7), §32(m)",
            "scenario": [{"path": "taxpayer.id_type", "value": "ssn"}],
            "amount_after": 2125,
        },
        {
            "code": "combined_changes",
            "message": (
                f"If all of these happen, this credit would be $3,050: the taxpayer {SSN_BY_DUE_DATE}; "
                f"dependent 2 {SSN_BY_DUE_DATE}."
            ),
            "citation": "IRC §24(e), §24(h)(7), §32(m); FTB CalEITC eligibility",
            "scenario": [{"path": "taxpayer.id_type", "value": "ssn"}, {"path": "dependents.1.id_type", "value": "ssn"}],
            "amount_after": 3050,
        },
    ]
    assert [c["amount_after"] for c in credits["federal_eitc"]["changes"]] == [4328, 7152]
    assert credits["ca_yctc"]["changes"] == [{
        "code": "dependent_w7",
        "message": "If dependent 2 gets an ITIN (Form W-7 sent with the return), this credit would be $1,189.",
        "citation": "IRC §24(e)(1); FTB CalEITC eligibility",
        "scenario": [{"path": "dependents.1.id_type", "value": "applying"}],
        "amount_after": 1189,
    }]
    assert credits["federal_odc"]["changes"] == []  # a W-7 adds a dependent, but the tax still limits the ODC


def test_the_same_result_reads_in_spanish_with_the_people_named_in_spanish(screened):
    with translation.override("es"):
        out = screened.as_dict()
    flags = out["flags"]
    # "El ITIN de el contribuyente" was a grammar slip: Spanish contracts "de el" to "del", and a
    # label cannot know what comes before it, so the sentence no longer puts "de" before it.
    assert flags[0]["message"].startswith(
        "El ITIN que usa el contribuyente no apareció en una declaración federal de 2022, 2023 ni 2024"
    )
    assert flags[1]["message"].startswith("El dependiente 2 no tiene SSN, ITIN ni ATIN.")
    assert [f["subject"] for f in flags[:2]] == ["taxpayer", "dependent 2"]  # codes stay codes
    ctc = out["credits"]["federal_ctc"]["changes"]
    assert ctc[0]["message"] == (
        "Si el contribuyente recibe un SSN válido para trabajar emitido antes de la fecha límite de la "
        "declaración (incluidas las prórrogas), este crédito sería de $2,125."
    )
    assert ctc[1]["message"].startswith("Si ocurre todo lo siguiente, este crédito sería de $3,050: el contribuyente")
    assert "; el dependiente 2 recibe" in ctc[1]["message"]
    assert ctc[1]["scenario"] == [{"path": "taxpayer.id_type", "value": "ssn"}, {"path": "dependents.1.id_type", "value": "ssn"}]


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["the taxpayer", "The taxpayer", "the spouse", "The spouse", "dependent 3", "Dependent 3"]),
    ("es", ["el contribuyente", "El contribuyente", "el cónyuge", "El cónyuge", "el dependiente 3", "El dependiente 3"]),
])
def test_subject_labels_in_a_sentence_and_at_its_start(language, expected):
    with translation.override(language):
        got = [
            subject_text(code, capital=capital)
            for code in ("taxpayer", "spouse", "dependent 3") for capital in (False, True)
        ]
    assert got == expected


def test_no_spanish_engine_message_puts_a_preposition_before_an_article():
    """Spanish contracts "de el" / "a el"; a subject label starting with "el" after them reads wrong."""
    import polib

    po = polib.pofile(str(Path(__file__).resolve().parents[2] / "clinic" / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    bad = [e.msgid for e in po if any(f"{p} %(subject)s" in e.msgstr for p in (" de", " a", "De", "A"))]
    assert bad == []


def test_a_message_shows_its_text_in_a_repr():
    assert repr(Message("Dependent %(n)s", {"n": 2})) == "Message('Dependent 2')"
