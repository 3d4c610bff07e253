"""Household JSON parsing and ``manage.py screen``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from intake.eligibility import HouseholdError, parse_household
from intake.eligibility.facts import FilingStatus, IdType
from tests.intake.households import household, kid


def test_it_parses_the_design_example():
    h = parse_household(household(dependents=[kid(age=4, full_time_student=False, months_lived_with_filer=12)], wages=18000))
    assert h.filing_status is FilingStatus.SINGLE
    assert h.taxpayer.id_type is IdType.SSN
    assert h.dependents[0].age == 4
    assert h.wages == 18000


def test_it_reports_every_problem_with_its_field_path():
    data = household(
        tax_year=2019,
        filing_status="single",
        spouse={"id_type": "ssn", "age": 30},
        dependents=[kid(), {"id_type": "atin", "age": 200, "months_lived_with_filer": 13}],
        wages=-5,
        colour="blue",
    )
    data["taxpayer"] = {"id_type": "atin", "age": "34"}
    with pytest.raises(HouseholdError) as caught:
        parse_household(data)
    fields = [path for path, _ in caught.value.problems]
    assert fields == [
        "colour",
        "tax_year",
        "taxpayer.id_type",
        "taxpayer.age",
        "spouse",
        "dependents[1].age",
        "dependents[1].months_lived_with_filer",
        "wages",
    ]
    assert dict(caught.value.problems)["dependents[1].age"] == "must be a whole number from 0 to 120"
    assert "not supported" in dict(caught.value.problems)["tax_year"]


def test_joint_returns_need_a_spouse():
    with pytest.raises(HouseholdError) as caught:
        parse_household(household(filing_status="married_filing_jointly"))
    assert caught.value.problems[0][0] == "spouse"


@pytest.mark.parametrize("value", [True, 1.5, "100", None])
def test_money_must_be_whole_dollars(value):
    if value is None:
        assert parse_household(household(wages=None)).wages == 0
        return
    with pytest.raises(HouseholdError):
        parse_household(household(wages=value))


def test_a_non_object_is_one_problem():
    with pytest.raises(HouseholdError) as caught:
        parse_household([1, 2])
    assert len(caught.value.problems) == 1


def _run(tmp_path, monkeypatch, payload, *, stdin=False):
    out, err = io.StringIO(), io.StringIO()
    text = json.dumps(payload)
    if stdin:
        monkeypatch.setattr("sys.stdin", io.StringIO(text))
        target = "-"
    else:
        target = tmp_path / "households.json"
        target.write_text(text, encoding="utf-8")
    code = 0
    try:
        call_command("screen", str(target), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, json.loads(out.getvalue() or "null"), err.getvalue()


def test_screen_reads_a_single_object_from_stdin(tmp_path, monkeypatch):
    code, results, err = _run(tmp_path, monkeypatch, household(id="A1", wages=8490), stdin=True)
    assert code == 0 and err == ""
    assert results[0]["id"] == "A1"
    assert results[0]["credits"]["federal_eitc"] == {
        "status": "eligible",
        "amount": 649,
        "refundable_amount": 649,
        "reasons": results[0]["credits"]["federal_eitc"]["reasons"],
        "changes": [],
    }
    assert list(results[0]["credits"]) == ["federal_ctc", "federal_odc", "federal_eitc", "ca_eitc", "ca_yctc", "ca_fytc"]
    assert results[0]["federal_income_tax_before_credits"] == 0
    assert "refundable_amount" not in results[0]["credits"]["federal_odc"]


def test_screen_answers_a_list_in_input_order(tmp_path, monkeypatch):
    payload = [household(id=f"H{i}", wages=1000 * i) for i in range(5)]
    code, results, _ = _run(tmp_path, monkeypatch, payload)
    assert code == 0
    assert [r["id"] for r in results] == ["H0", "H1", "H2", "H3", "H4"]


def test_screen_reports_invalid_households_and_still_answers_the_valid_ones(tmp_path, monkeypatch):
    bad = household(id="bad-one", tax_year=2030)
    bad["dependents"] = [kid(age=-1)]
    nameless = household(wages="lots")
    del nameless["id"]
    payload = [household(id="good-1"), bad, nameless, household(id="good-2")]
    code, results, err = _run(tmp_path, monkeypatch, payload)
    assert code == 2
    # One entry per input household, in input order; the invalid ones carry their errors (issue 9).
    assert [r["id"] for r in results] == ["good-1", "bad-one", None, "good-2"]
    assert "credits" in results[0] and "credits" in results[3]
    assert [e["field"] for e in results[1]["errors"]] == ["tax_year", "dependents[0].age"]
    assert results[2] == {"id": None, "errors": [{"field": "wages", "message": "must be a whole number from 0 to 10000000"}]}
    lines = err.strip().splitlines()
    assert lines == [
        "household 'bad-one' (#2): tax_year: tax year 2030 is not supported (supported: 2025, 2026)",
        "household 'bad-one' (#2): dependents[0].age: must be a whole number from 0 to 120",
        "household #3: wages: must be a whole number from 0 to 10000000",
    ]


def test_screen_rejects_a_file_that_is_not_json(tmp_path):
    target = tmp_path / "x.json"
    target.write_text("{nope", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        call_command("screen", str(target), stdout=io.StringIO(), stderr=io.StringIO())
    assert "not valid JSON" in str(caught.value)


def _screen_text(path, *args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("screen", str(path), *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_screening_in_parallel_gives_exactly_the_output_of_one_process(tmp_path):
    """``--jobs 2`` splits the list between two processes: same text, order, problems and duplicates."""
    from tests.intake.test_eligibility_fast_path import generated_households

    payload = generated_households(700, seed=9)
    for i, h in enumerate(payload):
        h["id"] = f"P{i}"
    payload[3]["wages"] = "lots"  # an invalid household, early
    payload[400]["id"] = payload[10]["id"]  # a duplicate, in another process's share
    payload[650]["tax_year"] = 2030
    payload.append({"id": "123-45-6789", "tax_year": 2026, "filing_status": "single", "taxpayer": {"id_type": "ssn", "age": 30}})
    target = tmp_path / "households.json"
    target.write_text(json.dumps(payload), encoding="utf-8")
    one = _screen_text(target, "--jobs", "1")
    two = _screen_text(target, "--jobs", "2")
    assert one == two
    code, text, err = two
    assert code == 2
    results = json.loads(text)
    assert len(results) == len(payload)
    assert [r["id"] for r in results[:3]] == [h["id"] for h in payload[:3]]
    assert results[3]["errors"][0]["field"] == "wages"
    assert results[400] == {"id": payload[10]["id"], "errors": [
        {"field": "id", "message": "is the same as household #11's; each household needs its own id"}]}
    assert results[-1] == {"id": None, "errors": results[-1]["errors"]}
    assert text.rstrip("\n") == json.dumps(results, ensure_ascii=False, separators=(",", ":"))  # compact, UTF-8
    assert len(err.splitlines()) == 4


def test_jobs_must_be_positive(tmp_path):
    target = tmp_path / "h.json"
    target.write_text(json.dumps([household(id="A")]), encoding="utf-8")
    with pytest.raises(Exception) as caught:
        call_command("screen", str(target), "--jobs", "0", stdout=io.StringIO(), stderr=io.StringIO())
    assert "--jobs must be 1 or more" in str(caught.value)
