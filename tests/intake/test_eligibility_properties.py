"""Properties that hold for every household (hypothesis)."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from intake.eligibility import Status, assess, parse_household
from tests.intake.households import household

FILER_IDS = ["ssn", "ssn_not_valid_for_employment", "itin", "itin_expired", "applying", "none", "declined"]
DEPENDENT_IDS = [*FILER_IDS, "atin"]
STATUSES = ["single", "head_of_household", "married_filing_jointly", "married_filing_separately", "qualifying_surviving_spouse"]

# Statutory maxima (facts §1–2): per-child CTC $2,200 / refundable $1,700, ODC $500, EITC $8,046,
# CalEITC ≈ $3,757 (3+ children), YCTC $1,189 per return, FYTC $1,189 per eligible filer.
MAX_CALEITC = Decimal(3758)

filers = st.fixed_dictionaries(
    {"id_type": st.sampled_from(FILER_IDS), "age": st.integers(15, 90)},
    optional={"foster_youth": st.booleans(), "blind": st.booleans()},
)
dependents = st.fixed_dictionaries(
    {
        "id_type": st.sampled_from(DEPENDENT_IDS),
        "age": st.integers(0, 30),
        "full_time_student": st.booleans(),
        "months_lived_with_filer": st.integers(0, 12),
        "permanently_disabled": st.booleans(),
    }
)


@st.composite
def households(draw):
    status = draw(st.sampled_from(STATUSES))
    # at most two declined answers keeps the scenario search small in the property run
    deps = draw(st.lists(dependents, max_size=4))
    if not deps and status in ("head_of_household", "qualifying_surviving_spouse"):
        status = "single"  # those statuses need a qualifying person (an input problem otherwise)
    return household(
        filing_status=status,
        taxpayer=draw(filers),
        spouse=draw(filers) if status == "married_filing_jointly" else None,
        dependents=deps,
        wages=draw(st.integers(0, 450_000)),
        self_employment_income=draw(st.integers(-40_000, 120_000)),
        other_income=draw(st.integers(0, 40_000)),
        investment_income=draw(st.integers(0, 16_000)),
        state=draw(st.sampled_from(["CA", "CA", "CA", "NV"])),
    )


@settings(max_examples=300, deadline=None)
@given(households())
def test_amounts_are_never_negative_nor_above_their_maximum_and_never_guessed(data):
    s = assess(parse_household(data))
    n = len(data["dependents"])
    filers = 2 if data["spouse"] else 1
    caps = {
        "federal_ctc": Decimal(2200 * n),
        "federal_odc": Decimal(500 * n),
        "federal_eitc": Decimal(8046),
        "ca_eitc": MAX_CALEITC,
        "ca_yctc": Decimal(1189),
        "ca_fytc": Decimal(1189 * filers),
    }
    for key, a in s.credits.items():
        assert Decimal(0) <= a.amount <= caps[key], key
        assert a.amount == a.amount.to_integral_value()
        if a.refundable_amount is not None:
            assert Decimal(0) <= a.refundable_amount <= a.amount, key
        if a.status is not Status.ELIGIBLE:
            assert a.amount == 0, key
        if a.status is Status.ELIGIBLE:
            assert a.amount > 0, key
        assert a.reasons, key  # every answer says why
    assert s.credits["federal_ctc"].refundable_amount <= Decimal(1700 * n)
    assert s.federal_income_tax_before_credits >= 0
    assert s.total == s.total_federal + s.total_california
    json.dumps(s.as_dict())


@settings(max_examples=150, deadline=None)
@given(
    children=st.integers(0, 3),
    joint=st.booleans(),
    wages=st.integers(0, 17_879),
    extra=st.integers(1, 5_000),
)
def test_the_eitc_never_decreases_while_phasing_in(children, joint, wages, extra):
    kids = [{"id_type": "ssn", "age": 5}] * children
    fields = dict(dependents=kids, filing_status="head_of_household" if children else "single")
    if joint:
        fields = dict(dependents=kids, filing_status="married_filing_jointly", spouse={"id_type": "ssn", "age": 34})
    limit = (8490, 12730, 17880, 17880)[children]
    low = min(wages, limit)
    high = min(low + extra, limit)
    a = assess(parse_household(household(wages=low, **fields))).credits["federal_eitc"].amount
    b = assess(parse_household(household(wages=high, **fields))).credits["federal_eitc"].amount
    assert b >= a


@settings(max_examples=100, deadline=None)
@given(children=st.integers(0, 3), wages=st.integers(0, 9_822), extra=st.integers(1, 3_000))
def test_the_caleitc_never_decreases_while_phasing_in(children, wages, extra):
    kids = [{"id_type": "itin", "age": 5}] * children
    peak = (4661, 6998, 9823, 9823)[children]
    low = min(wages, peak)
    high = min(low + extra, peak)
    a = assess(parse_household(household(taxpayer={"id_type": "itin", "age": 30}, dependents=kids, wages=low)))
    b = assess(parse_household(household(taxpayer={"id_type": "itin", "age": 30}, dependents=kids, wages=high)))
    assert b.credits["ca_eitc"].amount >= a.credits["ca_eitc"].amount
