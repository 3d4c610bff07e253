"""Intake test helpers: POST bodies for the household form."""

from __future__ import annotations


def household_post(**overrides) -> dict:
    """Return a valid POST body for the household form, with three children by default."""
    data = {
        "filing_status": "married_filing_jointly",
        "taxpayer_id_type": "ssn",
        "taxpayer_age": "34",
        "spouse_id_type": "itin",
        "spouse_age": "33",
        "wages": "30,000",
        "self_employment_income": "",
        "other_income": "",
        "investment_income": "",
        "language": "es",
        "nickname": "",
        "notes": "",
        "dependents-TOTAL_FORMS": "3",
        "dependents-INITIAL_FORMS": "0",
        "dependents-MIN_NUM_FORMS": "0",
        "dependents-MAX_NUM_FORMS": "12",
    }
    kids = [("ssn", "4"), ("itin", "9"), ("applying", "16")]
    for index, (id_type, age) in enumerate(kids):
        data.update(
            {
                f"dependents-{index}-id_type": id_type,
                f"dependents-{index}-age": age,
                f"dependents-{index}-months_lived_with_filer": "12",
            }
        )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
