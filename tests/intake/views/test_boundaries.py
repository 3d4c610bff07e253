"""Age boundaries end to end: typed into the form, screened by the engine, shown on the results."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.intake.conftest import household_post

SCREENING = reverse("intake:screening")


def _screen(client, *, age, student=False, wages="15,000"):
    data = household_post(
        filing_status="head_of_household",
        spouse_id_type="",
        spouse_age="",
        wages=wages,
        **{"dependents-TOTAL_FORMS": "1", "dependents-0-id_type": "ssn", "dependents-0-age": str(age)},
    )
    if student:
        data["dependents-0-full_time_student"] = "on"
    response = client.post(SCREENING, data, follow=True)
    assert response.status_code == 200
    assert "screening" in response.context, response.context.get("errors")
    return response.context["screening"].credits


@pytest.fixture
def volunteer(client, volunteer_a):
    client.force_login(volunteer_a)


@pytest.mark.parametrize(
    ("age", "ctc", "yctc"),
    [
        # YCTC: a child under 6 at the end of the year (R&TC §17052.1).
        (5, "eligible", "eligible"),
        (6, "eligible", "not_eligible"),
        # CTC: a child under 17 at the end of the year (IRC §24(c)(1)).
        (16, "eligible", "not_eligible"),
        (17, "not_eligible", "not_eligible"),
        (18, "not_eligible", "not_eligible"),
    ],
)
def test_child_credit_age_boundaries(client, volunteer, age, ctc, yctc):
    credits = _screen(client, age=age)
    assert credits["federal_ctc"].status == ctc
    assert credits["ca_yctc"].status == yctc


@pytest.mark.parametrize(
    ("age", "student", "qualifying"),
    [
        # EITC qualifying child: under 19, or under 24 and a full-time student (IRC §32(c)(3)(A)).
        (18, False, True),
        (19, False, False),
        (19, True, True),
        (21, True, True),
        (23, True, True),
        (23, False, False),
        (24, True, False),
    ],
)
def test_eitc_qualifying_child_age_and_student_boundaries(client, volunteer, age, student, qualifying):
    with_child = _screen(client, age=4)["federal_eitc"].amount
    amount = _screen(client, age=age, student=student)["federal_eitc"].amount
    assert (amount == with_child) is qualifying


@pytest.mark.parametrize("wages", ["0", "$10,000,000"])
def test_zero_and_huge_incomes_are_screened(client, volunteer, wages):
    credits = _screen(client, age=4, wages=wages)
    assert set(credits) == {"federal_ctc", "federal_odc", "federal_eitc", "ca_eitc", "ca_yctc", "ca_fytc"}
