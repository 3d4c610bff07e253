"""A ``declined`` ID type, screened every way (up to the cap) and beyond the cap (mutation audit, issue 14).

The JSON of each answer is checked field by field: status, amount, refundable part (0 for a
refundable credit, absent for the ODC and the deductions), the reasons that name who declined,
``changes`` empty, the estimate mark, and the income-tax flag.
Figures by hand:
- TY2026 beyond the cap: single, 70, wages $20,000: the standard deduction $16,100 + $2,050 (65+)
  leaves $1,850 taxable, 10% → **$185**; with an SSN the $6,000 senior deduction would leave $0.
  The higher figure is shown, with the flag that it depends on the declined ID.
- TY2025 within the cap: single, 34, wages $20,000, one declined 4-year-old: $20,000 − $15,750 =
  $4,250 × 10% = **$425**, whatever the child's ID (no deduction reads it).
"""

from __future__ import annotations

from intake.eligibility import assess, parse_household
from intake.eligibility.engine import MAX_SCENARIOS
from tests.intake.households import household, kid


def _declined_kid(age: int) -> dict:
    return kid("declined", age, relationship="child" if age < 18 else "other_relative")


def _beyond_cap():
    data = household(
        tax_year=2026, taxpayer_id="declined", taxpayer_age=70, wages=20000,
        dependents=[_declined_kid(3), _declined_kid(30), _declined_kid(30), _declined_kid(30)],
    )
    s = assess(parse_household(data))
    assert 3 * 4 ** 4 > MAX_SCENARIOS  # taxpayer (3 kinds of ID) × 4 dependents (4 kinds each)
    return s


def test_beyond_the_cap_only_what_an_id_decides_is_open():
    s = _beyond_cap()
    out = s.as_dict()
    declined = [
        "The ID type of the taxpayer was not given, and the answer depends on it, so this credit cannot be screened yet.",
        *(f"The ID type of dependent {n} was not given, and the answer depends on it, so this credit cannot be screened yet."
          for n in (1, 2, 3, 4)),
    ]
    ctc = out["credits"]["federal_ctc"]
    assert {k: ctc[k] for k in ("status", "amount", "refundable_amount", "changes")} == {
        "status": "indeterminate", "amount": 0, "refundable_amount": 0, "changes": []}
    assert [r["message"] for r in ctc["reasons"]] == declined  # exactly the people who declined
    assert {r["code"] for r in ctc["reasons"]} == {"id_declined"}
    odc = out["credits"]["federal_odc"]
    assert odc["status"] == "indeterminate" and "refundable_amount" not in odc
    # California's open answers rest on last year's figures too: marked as estimates in 2026.
    for key in ("ca_eitc", "ca_yctc"):
        assert out["credits"][key]["status"] == "indeterminate"
        assert out["credits"][key]["estimate"] is True, key
    assert "estimate" not in ctc and "estimate" not in out["credits"]["federal_eitc"]
    # Decided whatever the IDs: no foster youth, no tips; the reasons end by saying so.
    fytc = out["credits"]["ca_fytc"]
    assert fytc["status"] == "not_eligible" and fytc["changes"] == [] and "estimate" not in fytc
    assert [r["code"] for r in fytc["reasons"]][-1] == "declined_no_effect"
    assert out["deductions"]["tips"]["reasons"][-1]["code"] == "declined_no_effect"
    assert out["deductions"]["senior"]["status"] == "indeterminate"
    assert "refundable_amount" not in out["deductions"]["senior"]
    # The tax: the higher figure, flagged.
    assert out["federal_income_tax_before_credits"] == 185
    assert "income_tax_depends_on_declined_id" in [f["code"] for f in out["flags"]]
    assert s.credits["federal_ctc"].key == "federal_ctc"  # the answer keeps its credit (its label)


def test_beyond_the_cap_a_settled_tax_is_not_flagged():
    data = household(tax_year=2026, taxpayer_id="declined", taxpayer_age=40, wages=20000,
                     dependents=[_declined_kid(3), _declined_kid(30), _declined_kid(30), _declined_kid(30)])
    out = assess(parse_household(data)).as_dict()
    assert out["federal_income_tax_before_credits"] == 390  # ($20,000 − $16,100) × 10%
    assert "income_tax_depends_on_declined_id" not in [f["code"] for f in out["flags"]]


def _within_cap_data(**extra):
    return household(tax_year=2025, wages=20000, dependents=[_declined_kid(4)], **extra)


def test_within_the_cap_every_id_is_tried_and_the_answers_compared():
    s = assess(parse_household(_within_cap_data()))
    out = s.as_dict()
    assert out["federal_income_tax_before_credits"] == 425
    assert out["flags"] == [f for f in out["flags"] if f["code"] != "income_tax_depends_on_declined_id"]
    for key in ("federal_ctc", "federal_odc", "federal_eitc", "ca_eitc", "ca_yctc"):
        a = out["credits"][key]
        assert (a["status"], a["amount"], a["changes"]) == ("indeterminate", 0, []), key
        assert a["reasons"][0] == {
            "code": "id_declined",
            "message": "The ID type of dependent 1 was not given, and the answer depends on it, so this credit cannot be screened yet.",
            "citation": "IRC §24(h)(7), §32(m); R&TC §17052",
        }, key
        assert s.credits[key].key == key
    assert out["credits"]["federal_ctc"]["refundable_amount"] == 0
    assert "refundable_amount" not in out["credits"]["federal_odc"]
    assert "estimate" not in out["credits"]["ca_eitc"]  # 2025: FTB's own figures
    fytc = out["credits"]["ca_fytc"]
    assert fytc["status"] == "not_eligible" and fytc["changes"] == []
    assert fytc["reasons"][-1]["code"] == "declined_no_effect"


def test_an_open_answer_keeps_exactly_the_reasons_every_id_gives():
    """After the "ID not given" reason: the reasons the child's four possible IDs all give, no others."""
    s = assess(parse_household(_within_cap_data()))
    runs = []
    for id_type in ("ssn", "itin", "atin", "none"):
        data = _within_cap_data()
        data["dependents"][0]["id_type"] = id_type
        runs.append(assess(parse_household(data), changes=False))
    for key in ("federal_ctc", "federal_odc", "federal_eitc", "ca_eitc", "ca_yctc"):
        each = [{(r.code, str(r.message)) for r in run.credits[key].reasons} for run in runs]
        common = set.intersection(*each)
        got = [(r.code, str(r.message)) for r in s.credits[key].reasons[1:]]
        assert set(got) == common, key
        assert got == [(r.code, str(r.message)) for r in runs[0].credits[key].reasons if (r.code, str(r.message)) in common]


def test_a_declined_filer_is_tried_as_a_filer():
    """A filer can hold an SSN, an ITIN or nothing, never an ATIN (dependents only)."""
    data = household(tax_year=2025, taxpayer_id="declined", wages=20000, dependents=[kid("ssn", 10)])
    out = assess(parse_household(data)).as_dict()
    ctc = out["credits"]["federal_ctc"]
    assert ctc["status"] == "indeterminate"
    assert ctc["reasons"][0]["message"].startswith("The ID type of the taxpayer was not given")
    # ODC: with an ITIN the child counts for $425 (the tax); with an SSN the child takes the CTC;
    # with nothing, neither. Open either way, and never the ATIN answer.
    assert out["credits"]["federal_odc"]["status"] == "indeterminate"


def test_exactly_at_the_cap_every_combination_is_still_tried():
    """4 declined dependents are 4⁴ = 256 combinations: tried, so open answers keep their common reasons."""
    data = household(tax_year=2025, wages=20000,
                     dependents=[_declined_kid(4), _declined_kid(20), _declined_kid(20), _declined_kid(20)])
    assert 4 ** 4 == MAX_SCENARIOS
    s = assess(parse_household(data))
    ctc = s.credits["federal_ctc"]
    assert ctc.reasons[0].code == "id_declined"
    # Beyond the cap an open answer lists only who declined; tried, it also keeps what every
    # combination says (here: the 20-year-olds are too old for the CTC).
    assert [r.code for r in ctc.reasons].count("ctc_child_17_or_older") == 3, [r.code for r in ctc.reasons]
