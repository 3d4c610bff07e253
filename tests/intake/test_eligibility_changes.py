"""'What would change this' is computed: every listed change re-screens to exactly its amount."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from intake.eligibility import assess, parse_household
from tests.intake.households import kid, screen
from tests.intake.test_eligibility_properties import households


def _apply(data: dict, scenario: list[dict]) -> dict:
    """Make each edit of a scenario (dotted path, 0-based indexes) on a copy of the household JSON."""
    data = copy.deepcopy(data)
    for edit in scenario:
        target = data
        *parents, last = edit["path"].split(".")
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        target[last] = edit["value"]
    return data


def _paths(change) -> set[str]:
    return {edit.path for edit in change.scenario}


@settings(max_examples=150, deadline=None)
@given(households(), st.sampled_from([2025, 2026]))
def test_applying_any_listed_scenario_gives_exactly_amount_after(data, year):
    data["tax_year"] = year
    screened = assess(parse_household(data)).as_dict()
    for key, credit in screened["credits"].items():
        for change in credit["changes"]:
            assert change["scenario"], change
            assert change["amount_after"] != credit["amount"]
            again = assess(parse_household(_apply(data, change["scenario"]))).as_dict()
            assert again["credits"][key]["amount"] == change["amount_after"], (key, change)
            # only ID edits the law offers: an SSN issued before the due date, or a W-7
            assert all(e["path"].endswith(".id_type") and e["value"] in ("ssn", "applying") for e in change["scenario"])


def test_no_itin_is_suggested_for_a_17_year_old_to_get_the_young_child_credit():
    s = screen(taxpayer_id="itin", dependents=[kid("none", 17)], wages=9000)
    assert s.credits["ca_yctc"].changes == ()  # the YCTC is for children under 6
    caleitc = s.credits["ca_eitc"].changes
    assert [(c.code, _paths(c)) for c in caleitc] == [("dependent_w7", {"dependents.0.id_type"})]
    # 1 child, 9,000 wages (between the 6,998 peak and the final segment at 11,798.77):
    # 6,998 × 28.9% − 28.9% × 2,002 = 2,022.42 − 578.58 = 1,443.84 → 1,444
    assert int(caleitc[0].amount_after) == 1444


def test_a_child_ssn_is_never_suggested_alone_when_the_parents_itin_still_blocks_the_ctc():
    s = screen(filing_status="head_of_household", taxpayer_id="itin", dependents=[kid("itin", 5)], wages=30000)
    changes = s.credits["federal_ctc"].changes
    assert changes, "the taxpayer's and the child's SSN together would give the CTC"
    assert all("taxpayer.id_type" in _paths(c) for c in changes)
    assert {frozenset(_paths(c)) for c in changes} == {frozenset({"taxpayer.id_type", "dependents.0.id_type"})}


def test_a_child_ssn_is_never_suggested_alone_when_the_spouses_itin_blocks_the_eitc():
    s = screen(spouse_id="itin", dependents=[kid("itin", 5)], wages=20000)
    changes = s.credits["federal_eitc"].changes
    assert changes and all("spouse.id_type" in _paths(c) for c in changes)
    # the spouse's SSN alone gives the childless EITC (MFJ, 20,000 < 26,214):
    # 649 − 7.65% × (20,000 − 17,730) = 475.35 → 475; with the child's SSN too: one-child EITC 4,328
    assert sorted(int(c.amount_after) for c in changes) == [475, 4328]


def test_every_edit_needed_is_listed():
    # ITIN couple, an SSN child: one spouse's SSN gives the CTC; the EITC needs both spouses'
    s = screen(taxpayer_id="itin", spouse_id="itin", dependents=[kid()], wages=25000)
    eitc = s.credits["federal_eitc"].changes
    assert [frozenset(_paths(c)) for c in eitc] == [frozenset({"taxpayer.id_type", "spouse.id_type"})]
    ctc = s.credits["federal_ctc"].changes
    assert {frozenset(_paths(c)) for c in ctc} == {frozenset({"taxpayer.id_type"}), frozenset({"spouse.id_type"})}
    as_json = s.as_dict()["credits"]["federal_eitc"]["changes"][0]
    assert as_json["scenario"] == [{"path": "taxpayer.id_type", "value": "ssn"}, {"path": "spouse.id_type", "value": "ssn"}]
    # MFJ one child, 25,000 (below the 30,470 phase-out start): min(34% × 25,000, 4,328) = 4,328
    assert as_json["amount_after"] == 4328


def test_no_change_is_listed_for_a_credit_already_at_its_best():
    s = screen(filing_status="head_of_household", dependents=[kid()], wages=12730)
    assert all(a.changes == () for a in s.credits.values())
