"""Without the key, a token's length must not tell what it holds (review finding 1).

Every ID-type token has one length whatever the type (and whether the value is blank); a nickname's
token has one length; a note's token says only which length class the note is in.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from clinic import crypto
from intake.models import FILER_ID_TYPE_CHOICES, ID_TYPE_CHOICES, Dependent, Household

FILER_TYPES = [value for value, _label in FILER_ID_TYPE_CHOICES]
DEPENDENT_TYPES = [value for value, _label in ID_TYPE_CHOICES]


@pytest.fixture(autouse=True)
def _clear_key_cache():
    crypto._fernet_for.cache_clear()
    yield
    crypto._fernet_for.cache_clear()


def _raw(model, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {connection.ops.quote_name(column)} FROM {model._meta.db_table}"  # noqa: S608  # nosec B608
        )
        return [row[0] for row in cursor.fetchall()]


def _lengths(model, column: str) -> set[int]:
    return {len(value) for value in _raw(model, column)}


@pytest.fixture
def every_id_type(site_a, volunteer_a, make_household):
    """One household per filer ID type, spouses of every type (and none), dependents of every type."""
    for index, id_type in enumerate(FILER_TYPES):
        make_household(
            site_a,
            volunteer_a,
            filing_status="married_filing_jointly",
            taxpayer_id_type=id_type,
            spouse_id_type=FILER_TYPES[-1 - index],
            spouse_age=40,
            dependents=[{"id_type": t, "age": 5} for t in DEPENDENT_TYPES[index::3]],
        )
    make_household(site_a, volunteer_a, taxpayer_id_type="ssn_not_valid_for_employment", dependents=[])


@pytest.mark.django_db
def test_every_id_type_token_has_one_length(every_id_type):
    lengths = _lengths(Household, "taxpayer_id_type") | _lengths(Household, "spouse_id_type")
    assert len(lengths) == 1, lengths
    assert _lengths(Dependent, "id_type") == lengths
    # The value that used to stand out (two AES blocks instead of one) is among them.
    assert Household.objects.filter(pk__gt=0).count() == len(FILER_TYPES) + 1


@pytest.mark.django_db
def test_a_blank_spouse_id_type_looks_like_any_other(every_id_type):
    # The last household has no spouse: its blank value is a token of the same length, not "".
    raw = _raw(Household, "spouse_id_type")
    assert "" not in raw
    assert len({len(value) for value in raw}) == 1
    assert Household.objects.order_by("-pk").first().spouse_id_type == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "nicknames",
    [["", "A", "Mamá Lupe", "x" * 40, "é" * 40, "漢" * 40, "🙂" * 40]],
)
def test_a_nickname_token_has_one_length_whatever_the_nickname(site_a, volunteer_a, make_household, nicknames):
    for nickname in nicknames:
        make_household(site_a, volunteer_a, nickname=nickname)
    assert len(_lengths(Household, "nickname")) == 1


@pytest.mark.django_db
def test_a_note_token_reveals_only_its_length_class(site_a, volunteer_a, make_household):
    short = ["", "ok", "Brings W-2 next week", "n" * 250]
    for note in short:
        make_household(site_a, volunteer_a, notes=note)
    assert len(_lengths(Household, "notes")) == 1
    make_household(site_a, volunteer_a, notes="m" * 300)
    make_household(site_a, volunteer_a, notes="ü" * 200)  # 400 bytes: the same class as 300 characters
    assert len(_lengths(Household, "notes")) == 2


def test_length_classes_and_padding_round_trip():
    assert [crypto.length_class(n) for n in (0, 1, 256, 257, 511, 512, 513)] == [256, 256, 256, 512, 512, 512, 1024]
    for value in (b"", b"itin", "ñandú".encode(), b"\x00leading nul"):
        padded = crypto.pad(value, 40)
        assert len(padded) == crypto.PAD_HEADER_SIZE + 40
        assert crypto.unpad(padded) == value
    # Too long for its field: a coarser class, still readable.
    assert crypto.unpad(crypto.pad(b"y" * 50, 40)) == b"y" * 50
    # A value written before padding existed reads back as it was.
    assert crypto.unpad(b"itin_expired") == b"itin_expired"


@pytest.mark.django_db
def test_rotate_field_keys_pads_rows_written_before_padding(settings, site_a, volunteer_a, make_household):
    households = [make_household(site_a, volunteer_a, taxpayer_id_type=t, nickname="Nick" * i) for i, t in enumerate(FILER_TYPES)]
    # Put the columns back as the old code wrote them: unpadded tokens, blanks stored as "".
    with connection.cursor() as cursor:
        for household in households:
            cursor.execute(
                "UPDATE intake_household SET taxpayer_id_type = %s, spouse_id_type = %s, nickname = %s WHERE id = %s",
                [crypto.encrypt(household.taxpayer_id_type), "", crypto.encrypt(household.nickname) if household.nickname else "", household.pk],
            )
    assert len(_lengths(Household, "taxpayer_id_type")) > 1  # the leak the review found
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = crypto.generate_key()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    crypto._fernet_for.cache_clear()
    call_command("rotate_field_keys", stdout=io.StringIO())
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    crypto._fernet_for.cache_clear()
    assert len(_lengths(Household, "taxpayer_id_type") | _lengths(Household, "spouse_id_type")) == 1
    assert "" not in _raw(Household, "spouse_id_type") + _raw(Household, "nickname")
    assert len(_lengths(Household, "nickname")) == 1
    for household in households:
        fresh = Household.objects.get(pk=household.pk)
        assert (fresh.taxpayer_id_type, fresh.spouse_id_type, fresh.nickname) == (
            household.taxpayer_id_type,
            "",
            household.nickname,
        )
