"""Check Confianza's credits against PolicyEngine-US on fixed-seed households that are not in the repository.

The households (40, seed 20261202, every person with an SSN valid for work, California residents)
are generated here and screened for tax years 2025 and 2026. The reference model runs in its own
virtualenv, so the check has two steps with two interpreters:

1. Reference, in a separate virtualenv (nothing is installed into the project's ``.venv``)::

       python3 -m venv /tmp/pe-venv
       /tmp/pe-venv/bin/pip install policyengine-us==2.68.0
       /tmp/pe-venv/bin/python docs/reference/policyengine_check.py pe /tmp/pe-results.json

   This builds one PolicyEngine situation per household and year (people with ages and
   ``employment_income`` / ``self_employment_income`` / ``unemployment_compensation`` /
   ``taxable_interest_income``; tax unit, family, SPM unit, household with ``state_code`` CA; a
   marital unit for joint filers) and writes PE's ``eitc``, ``ctc``, ``refundable_ctc``,
   ``non_refundable_ctc``, the ODC part of the CTC, ``ca_eitc``, ``ca_yctc`` and a few
   intermediate values to the JSON file. About a minute on one core.

2. Ours, and the comparison, with the project's interpreter (from the repository root)::

       CONFIANZA_PROFILE=test .venv/bin/python docs/reference/policyengine_check.py compare /tmp/pe-results.json

   This screens the same households in process (``assess(parse_household(...)).as_dict()``) and
   prints, as Markdown, the household list, one table per year (ours / PE per credit; a
   difference over $1 is in bold), and the count of comparisons that agree within $1. Exit
   status 1 when a comparable credit differs by more than $1.

``households`` prints the household JSON (the engine's input contract) instead.

What is compared (docs/reference/policyengine-2026-12-02.md explains why): federal EITC, CTC
(non-refundable part + refundable ACTC), the ACTC alone, and the ODC, both years; CalEITC and
YCTC for TY2025 only. California TY2026 is shown but not counted: Confianza uses the TY2025 FTB
figures marked as an estimate (facts §2.4) while PE uprates them.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

SEED = 20261202  # different from every seed in the repository's tests and bench
YEARS = (2025, 2026)
TOLERANCE = 1  # dollars: both sides use the exact formulas; ours rounds each credit to whole dollars
ROOT = Path(__file__).resolve().parents[2]

# --- households --------------------------------------------------------------------------------

STATUSES = ("single", "head_of_household", "married_filing_jointly")
# Five kinds against three statuses: every (status, kind) pair occurs in each run of 15 households.
KINDS = ("wages", "other_above_wages", "interest", "wages", "self_employment")


def _wages(rng: random.Random) -> int:
    low, high = rng.choice([(3000, 12000), (12000, 25000), (25000, 45000), (45000, 70000)])
    return rng.randint(low, high)


def households() -> list[dict]:
    """Return the 40 fixed-seed households (``tax_year`` 2025; the check screens each for both years).

    Spread where the law bends: the three filing statuses, 0–3 children aged 2–16 (a few also have
    a 17- or 18-year-old, an EITC child who is an ODC dependent), wages $3,000–$70,000, some with
    unemployment above wages (§32(a)(2): AGI above earned income), some with interest (near and
    above the CalEITC and EITC investment-income limits), some with self-employment income.
    """
    rng = random.Random(SEED)  # noqa: S311 (fixed-seed test data, not security)
    out = []
    for i in range(40):
        status = STATUSES[i % 3]
        kind = KINDS[i % len(KINDS)]
        if status == "single":
            n_children = 0
        elif status == "head_of_household":
            n_children = rng.choice([1, 1, 2, 2, 3])
        else:
            n_children = rng.choice([0, 1, 2, 2, 3])
        ages = [rng.randint(2, 16) for _ in range(n_children)]
        if status != "single" and rng.random() < 0.2:
            ages.append(rng.choice([17, 18]))  # ODC dependent, still an EITC/CalEITC child (under 19)
        youngest_adult = max([21, *[a + 16 for a in ages]])
        taxpayer_age = rng.randint(youngest_adult, 62)
        if status == "single" and rng.random() < 0.25:
            taxpayer_age = rng.randint(20, 24)  # under 25: no childless EITC (§32(c)(1)(A)(ii))
        h = {
            "id": f"PE{i + 1:02d}",
            "tax_year": 2025,
            "state": "CA",
            "filing_status": status,
            "taxpayer": {"id_type": "ssn", "age": taxpayer_age},
            "spouse": {"id_type": "ssn", "age": rng.randint(youngest_adult, 62)} if status == "married_filing_jointly" else None,
            "dependents": [
                {"id_type": "ssn", "age": a, "full_time_student": False, "months_lived_with_filer": 12} for a in ages
            ],
            "wages": 0,
            "self_employment_income": 0,
            "other_income": 0,
            "investment_income": 0,
        }
        if kind == "wages":
            h["wages"] = _wages(rng)
        elif kind == "other_above_wages":  # unemployment compensation above wages
            h["wages"] = rng.randint(3000, 15000)
            h["other_income"] = h["wages"] + rng.randint(1000, 15000)
        elif kind == "interest":
            h["wages"] = _wages(rng)
            h["investment_income"] = rng.choice(
                [rng.randint(100, 4000), rng.randint(4815, 11900), rng.randint(12300, 15000)]
            )
        else:  # self-employment, with wages or (one time in four) alone
            h["wages"] = 0 if rng.random() < 0.25 else rng.randint(3000, 35000)
            h["self_employment_income"] = rng.randint(2000, 30000)
        out.append(h)
    return out


def for_year(h: dict, year: int) -> dict:
    return {**h, "tax_year": year}


def one_line(h: dict) -> str:
    """The household in one line, for the report."""
    status = {"single": "single", "head_of_household": "HOH", "married_filing_jointly": "MFJ"}[h["filing_status"]]
    adults = f"{h['taxpayer']['age']}" + (f"+{h['spouse']['age']}" if h["spouse"] else "")
    kids = ",".join(str(d["age"]) for d in h["dependents"]) or "none"
    money = [f"wages ${h['wages']:,}"]
    if h["self_employment_income"]:
        money.append(f"SE ${h['self_employment_income']:,}")
    if h["other_income"]:
        money.append(f"unemployment ${h['other_income']:,}")
    if h["investment_income"]:
        money.append(f"interest ${h['investment_income']:,}")
    return f"`{h['id']}` {status}, adult age {adults}, children {kids}; " + ", ".join(money)


# --- PolicyEngine (run in the PE venv) ------------------------------------------------------------

PE_TAX_UNIT_VARIABLES = (
    "eitc", "ctc", "refundable_ctc", "non_refundable_ctc", "ctc_value", "ctc_maximum",
    "ctc_limiting_tax_liability", "income_tax_before_credits", "adjusted_gross_income",
    "tax_unit_earned_income", "eitc_child_count", "ctc_qualifying_children", "filing_status",
    "self_employment_tax", "ca_eitc", "ca_yctc", "ca_agi", "ca_eitc_eligible",
)
PE_PERSON_VARIABLES = ("ctc_child_individual_maximum", "ctc_adult_individual_maximum")
PE_FILING_STATUS = {"single": "SINGLE", "head_of_household": "HEAD_OF_HOUSEHOLD", "married_filing_jointly": "JOINT"}


def pe_situation(h: dict, year: int) -> dict:
    """The household as a PolicyEngine-US situation for ``year`` (all income on the taxpayer)."""
    y = str(year)
    people = {
        "taxpayer": {
            "age": {y: h["taxpayer"]["age"]},
            "employment_income": {y: h["wages"]},
            "self_employment_income": {y: h["self_employment_income"]},
            "unemployment_compensation": {y: h["other_income"]},
            "taxable_interest_income": {y: h["investment_income"]},
        }
    }
    adults = ["taxpayer"]
    if h["spouse"]:
        people["spouse"] = {"age": {y: h["spouse"]["age"]}}
        adults.append("spouse")
    children = []
    for i, d in enumerate(h["dependents"]):
        name = f"child{i + 1}"
        people[name] = {"age": {y: d["age"]}, "is_tax_unit_dependent": {y: True}}
        children.append(name)
    members = adults + children
    situation = {
        "people": people,
        "tax_units": {"tax_unit": {"members": members, "filing_status": {y: PE_FILING_STATUS[h["filing_status"]]}}},
        "families": {"family": {"members": members}},
        "spm_units": {"spm_unit": {"members": members}},
        "households": {"household": {"members": members, "state_code": {y: "CA"}}},
    }
    if h["spouse"]:
        situation["marital_units"] = {"marital_unit": {"members": adults}}
        for name in children:
            situation["marital_units"][f"{name}_unit"] = {"members": [name]}
    else:
        situation["marital_units"] = {f"{name}_unit": {"members": [name]} for name in members}
    return situation


def run_pe(out_path: str) -> None:
    from importlib.metadata import version

    from policyengine_us import Simulation

    results = {"policyengine_us_version": version("policyengine-us"), "households": {}}
    for h in households():
        for year in YEARS:
            sim = Simulation(situation=pe_situation(h, year))
            row = {}
            for name in PE_TAX_UNIT_VARIABLES:
                try:
                    values = sim.calculate(name, year)
                except Exception as exc:  # a variable this version lacks: say so, do not guess
                    row[name] = f"unavailable: {type(exc).__name__}"
                    continue
                if hasattr(values, "decode_to_str"):  # an enum (filing_status)
                    row[name] = str(values.decode_to_str()[0])
                elif values.dtype == bool:
                    row[name] = bool(values[0])
                else:  # a tax-unit variable has one value; a person variable (SE tax) is summed
                    row[name] = float(values.sum())
            for name in PE_PERSON_VARIABLES:
                try:
                    row[name] = [float(v) for v in sim.calculate(name, year)]
                except Exception as exc:
                    row[name] = f"unavailable: {type(exc).__name__}"
            results["households"][f"{h['id']}/{year}"] = row
            print(h["id"], year, {k: row[k] for k in ("eitc", "ctc", "refundable_ctc", "ca_eitc", "ca_yctc")}, flush=True)
    Path(out_path).write_text(json.dumps(results, indent=1), encoding="utf-8")


def pe_credits(row: dict) -> dict:
    """PE's figures in Confianza's shape.

    PE's ``ctc`` is the credit before the tax limit and includes the ODC
    (``ctc_adult_individual_maximum``: $500 per dependent who is not a CTC child);
    ``refundable_ctc`` is Schedule 8812's line 27 and ``non_refundable_ctc`` = ``ctc`` −
    ``refundable_ctc``, of which only ``ctc_limiting_tax_liability`` can be used (§26(a)). So the
    credit allowed is ``refundable_ctc`` + min(``non_refundable_ctc``, that tax). The ODC is split
    off as Schedule 8812 does (the tax limit takes the ODC first; the phase-out never reaches these
    incomes): ODC = min(PE's ODC maximum, the non-refundable part used); CTC = the rest.
    """
    adult = row["ctc_adult_individual_maximum"]
    odc_max = sum(adult) if isinstance(adult, list) else 0.0
    refundable = row["refundable_ctc"]
    nonref_used = min(row["non_refundable_ctc"], row["ctc_limiting_tax_liability"])
    odc = min(odc_max, nonref_used)
    return {
        "federal_eitc": row["eitc"],
        "federal_ctc": refundable + nonref_used - odc,
        "federal_actc": refundable,
        "federal_odc": odc,
        "ca_eitc": row["ca_eitc"],
        "ca_yctc": row["ca_yctc"],
    }


# --- ours (run with the project's interpreter) ---------------------------------------------------

def our_credits(h: dict) -> dict:
    from intake.eligibility import assess, parse_household

    result = assess(parse_household(h)).as_dict()
    c = result["credits"]
    return {
        "federal_eitc": c["federal_eitc"]["amount"],
        "federal_ctc": c["federal_ctc"]["amount"],
        "federal_actc": c["federal_ctc"].get("refundable_amount", 0) or 0,
        "federal_odc": c["federal_odc"]["amount"],
        "ca_eitc": c["ca_eitc"]["amount"],
        "ca_yctc": c["ca_yctc"]["amount"],
        "_statuses": {k: v["status"] for k, v in c.items()},
        "_estimate": {k: bool(v.get("estimate")) for k, v in c.items()},
        "_tax": result["federal_income_tax_before_credits"],
    }


CREDITS = ("federal_eitc", "federal_ctc", "federal_actc", "federal_odc", "ca_eitc", "ca_yctc")
LABELS = {"federal_eitc": "EITC", "federal_ctc": "CTC (total)", "federal_actc": "of which ACTC",
          "federal_odc": "ODC", "ca_eitc": "CalEITC", "ca_yctc": "YCTC"}


def comparable(credit: str, year: int) -> bool:
    return not (credit.startswith("ca_") and year != 2025)


def compare(pe_path: str) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "clinic.settings"
    os.environ.setdefault("CONFIANZA_PROFILE", "test")
    import django

    django.setup()

    pe = json.loads(Path(pe_path).read_text(encoding="utf-8"))
    homes = households()
    print(f"PolicyEngine-US {pe['policyengine_us_version']}; {len(homes)} households, seed {SEED}, years {YEARS}\n")
    print("Households (every person has an SSN valid for work; state CA; 12 months together):\n")
    for h in homes:
        print(f"- {one_line(h)}")
    compared = agreed = 0
    nonzero = nonzero_agreed = 0
    differences = []
    for year in YEARS:
        print(f"\n### Tax year {year}\n")
        header = ["Household", *(LABELS[c] + ("" if comparable(c, year) else " (n/c)") for c in CREDITS), "our tax"]
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for h in homes:
            ours = our_credits(for_year(h, year))
            theirs = pe_credits(pe["households"][f"{h['id']}/{year}"])
            cells = [f"`{h['id']}`"]
            for credit in CREDITS:
                a, b = ours[credit], theirs[credit]
                diff = abs(a - b) > TOLERANCE
                if comparable(credit, year):
                    compared += 1
                    agreed += not diff
                    if a or round(b):
                        nonzero += 1
                        nonzero_agreed += not diff
                    if diff:
                        differences.append((h["id"], year, credit, a, b))
                cell = f"{a:,} / {b:,.0f}"
                cells.append(f"**{cell}**" if diff and comparable(credit, year) else cell)
            cells.append(f"{ours['_tax']:,}")
            print("| " + " | ".join(cells) + " |")
    print(f"\nComparable credit figures: {compared}; within ${TOLERANCE}: {agreed}; "
          f"non-zero on either side: {nonzero} (of which within ${TOLERANCE}: {nonzero_agreed}).")
    if differences:
        print("\nDifferences over $1 (ours vs PE):")
        for hid, year, credit, a, b in differences:
            print(f"- {hid} {year} {LABELS[credit]}: {a:,} vs {b:,.2f} (ours − PE = {a - b:+,.2f})")
    return 1 if differences else 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "pe":
        run_pe(argv[1])
        return 0
    if len(argv) >= 2 and argv[0] == "compare":
        return compare(argv[1])
    if argv and argv[0] == "households":
        print(json.dumps([h for h in households()], indent=1))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
