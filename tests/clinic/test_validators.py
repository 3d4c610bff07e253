from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from clinic.validators import looks_like_tin, reject_control_characters, reject_tin_shaped


@pytest.mark.parametrize(
    "text",
    [
        "123-45-6789",
        "123 45 6789",
        "123456789",
        "123.45.6789",
        "9XX: 912-70-1234",
        "ssn is 123–45–6789 ok",  # en dashes
        "1 2 3 4 5 6 7 8 9",
        "123 456 789",
        "1234567890",  # a number inside a longer run
        "call 912 70 1234",
        "１２３４５６７８９",  # full-width digits
        "a-123-45-6789-b",
    ],
)
def test_it_refuses_anything_shaped_like_an_ssn_or_itin(text):
    assert looks_like_tin(text) is True
    with pytest.raises(ValidationError) as excinfo:
        reject_tin_shaped(text)
    assert excinfo.value.code == "tin_shaped"
    assert "never records ID numbers" in str(excinfo.value.messages[0])


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Rosa",
        "3 kids, ages 4 5 and 7",
        "wages 18,000 and 12,000",
        "(555) 010-0001",
        "555-010-0001",
        "01/15/2025",
        "12345678",
        "visit K7MQ-4XTP",
        "2024 2025",
    ],
)
def test_it_accepts_ordinary_text(text):
    assert looks_like_tin(text) is False
    reject_tin_shaped(text)


def test_it_refuses_control_characters():
    with pytest.raises(ValidationError):
        reject_control_characters("a\x00b")
    reject_control_characters("line one\nline two\ttab")
