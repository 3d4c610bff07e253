"""The ID-number filter sees through disguises (review finding 2), and still lets ordinary text by.

A grammar generates nine-digit numbers in every disguise the review got through: any grouping,
separators of commas, parentheses, colons, plus signs, asterisks, dots, slashes, middle dots,
fraction slashes, a tight "x", Unicode minus and every dash, runs of spaces and line breaks,
zero-width and soft-hyphen characters anywhere, and superscript, circled, full-width, math-bold,
Arabic-Indic and Devanagari digits. None may be stored.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic.validators import looks_like_tin, normalise_for_matching
from intake.models import Household

DIGIT_FORMS = [
    "0123456789",
    "０１２３４５６７８９",  # full-width
    "⁰¹²³⁴⁵⁶⁷⁸⁹",  # superscript
    "⓪①②③④⑤⑥⑦⑧⑨",  # circled
    "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",  # mathematical bold
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    "०१२३४५६७८९",  # Devanagari
]
MARKS = list(",():+*.-/_·⁄") + ["\u2212", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\ufe63", "\uff0d"]
SPACES = [" ", "\n", "\t", "\u00a0", "\u3000", "\r\n"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff", "\u200e"]


@st.composite
def separator(draw) -> str:
    if draw(st.integers(0, 9)) == 0:
        return "x"  # "123x45x6789"
    marks = draw(st.lists(st.sampled_from(MARKS), max_size=3))
    spaces = draw(st.lists(st.sampled_from(SPACES), max_size=4))
    parts = marks + spaces
    if not parts:
        parts = [draw(st.sampled_from(SPACES + MARKS))]
    return "".join(draw(st.permutations(parts)))


@st.composite
def grouping(draw) -> list[int]:
    """A 3-2-4 grouping, or nine digits cut anywhere."""
    if draw(st.booleans()):
        return [3, 2, 4]
    cuts = sorted(draw(st.sets(st.integers(1, 8), max_size=8)))
    bounds = [0, *cuts, 9]
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


@st.composite
def disguised_number(draw) -> str:
    digits = draw(st.lists(st.integers(0, 9), min_size=9, max_size=9))
    out: list[str] = []
    position = 0
    for index, size in enumerate(draw(grouping())):
        if index:
            out.append(draw(separator()))
        for digit in digits[position : position + size]:
            form = draw(st.sampled_from(DIGIT_FORMS))
            out.append(form[digit])
            if draw(st.integers(0, 4)) == 0:
                out.append(draw(st.sampled_from(INVISIBLE)))
        position += size
    text = "".join(out)
    before = draw(st.sampled_from(["", "SSN ", "número: ", "ITIN is ", "(", "nota "]))
    after = draw(st.sampled_from(["", " ok", ")", ".", " gracias"]))
    return before + text + after


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(disguised_number())
def test_no_disguised_number_gets_past_the_filter(text):
    assert looks_like_tin(text), ascii(text)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=disguised_number())
def test_no_disguised_number_can_be_stored_in_a_household(text):
    for name in ("notes", "nickname"):
        field = Household._meta.get_field(name)
        with pytest.raises(ValidationError) as excinfo:
            field.run_validators(text)
        assert excinfo.value.error_list[0].code == "tin_shaped"


# The disguises the review saved end-to-end or listed as missed, verbatim.
REVIEW_CASES = [
    "123,45,6789",
    "(123) 45-6789",
    "123\u221245\u22126789",
    "123\u200b45\u200b6789",
    "123:45:6789",
    "123+45+6789",
    "123*45*6789",
    "123x45x6789",
    "123·45·6789",
    "123⁄45⁄6789",
    "123\u00ad45\u00ad6789",
    "123\u206045\u20606789",
    "123\u200d45\u200d6789",
    "123    45    6789",
    "123\n\n45\n\n6789",
    "¹²³⁴⁵⁶⁷⁸⁹",
    "①②③④⑤⑥⑦⑧⑨",
    "12345678 and 9",
    "123 y 45 y 6789",
]


@pytest.mark.parametrize("text", REVIEW_CASES, ids=ascii)
def test_every_disguise_the_review_found_is_refused(text):
    assert looks_like_tin(text)


def test_normalisation_maps_digits_and_drops_invisible_characters():
    assert normalise_for_matching("①²３\u200b٤\u00ad𝟓") == "12345"


AMOUNTS = st.integers(0, 9_999_999).map(lambda n: f"${n:,}")
CENTS = st.tuples(st.integers(0, 99_999), st.integers(0, 99)).map(lambda t: f"${t[0]:,}.{t[1]:02d}")
DATES = st.tuples(st.integers(1, 12), st.integers(1, 28), st.integers(2020, 2027)).flatmap(
    lambda t: st.sampled_from([f"{t[0]:02d}/{t[1]:02d}/{t[2]}", f"{t[0]}/{t[1]}/{t[2]}", f"{t[2]}-{t[0]:02d}-{t[1]:02d}"])
)
TIMES = st.tuples(st.integers(1, 12), st.integers(0, 59)).map(lambda t: f"{t[0]}:{t[1]:02d}")
PHONES = st.tuples(st.integers(200, 999), st.integers(0, 9999), st.integers(1, 9999)).flatmap(
    lambda t: st.sampled_from(
        [f"(555) {t[0]}-{t[1]:04d}", f"555-{t[0]}-{t[1]:04d} ext. {t[2]}", f"{t[0]}-{t[1]:04d} ext {t[2]}", f"555 {t[0]} {t[1]:04d}"]
    )
)
AGES = st.lists(st.integers(0, 17), min_size=1, max_size=4).map(lambda ages: "ages " + ", ".join(map(str, ages)))
WORDS = st.sampled_from(["wages", "tips", "paid on", "call back", "at", "kids", "and then", "próxima cita", "el"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(AMOUNTS, CENTS, DATES, TIMES, PHONES, AGES), min_size=1, max_size=4), st.data())
def test_ordinary_text_with_numbers_is_accepted(pieces, data):
    text = " ".join(f"{data.draw(WORDS)} {piece}" for piece in pieces)
    assert not looks_like_tin(text), text
