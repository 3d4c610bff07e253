"""Key rotation re-encrypts every encrypted column; the database never holds plaintext."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from clinic import crypto
from clinic.crypto import DecryptionError, EncryptedTextField
from clinic.rotation import encrypted_columns
from intake.models import Dependent, Household

pytestmark = pytest.mark.django_db

CANARIES = {"nickname": "Rotación Canary Nick", "notes": "canary-note-rotate-7731"}


@pytest.fixture(autouse=True)
def _clear_key_cache():
    crypto._fernet_for.cache_clear()
    yield
    crypto._fernet_for.cache_clear()


def _raw_encrypted_values() -> dict[tuple[str, str, object], str]:
    values = {}
    for model, columns in encrypted_columns():
        with connection.cursor() as cursor:
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {connection.ops.quote_name(model._meta.pk.column)}, {quoted} FROM {model._meta.db_table}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row[1:], strict=True):
                    if value:
                        values[(model._meta.db_table, column, row[0])] = value
    return values


@pytest.fixture
def households(site_a, volunteer_a, make_household):
    return [
        make_household(site_a, volunteer_a, nickname=CANARIES["nickname"], notes=CANARIES["notes"]),
        make_household(
            site_a,
            volunteer_a,
            filing_status="married_filing_jointly",
            spouse_id_type="itin_expired",
            spouse_age=31,
            dependents=[{"id_type": "atin", "age": 2}, {"id_type": "applying", "age": 9}],
        ),
    ]


def test_it_finds_every_encrypted_field_of_every_model():
    expected = {
        (model, f.column)
        for model in apps.get_models()
        for f in model._meta.local_concrete_fields
        if isinstance(f, EncryptedTextField)
    }
    found = {(model, column) for model, columns in encrypted_columns() for column in columns}
    assert found == expected
    assert (Household, "taxpayer_id_type") in found and (Dependent, "id_type") in found


def test_new_key_first_run_then_remove_the_old_key_everything_still_decrypts(settings, households):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    before = _raw_encrypted_values()
    new_key = crypto.generate_key()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    crypto._fernet_for.cache_clear()
    call_command("rotate_field_keys", "--batch-size", "1", stdout=io.StringIO())

    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    crypto._fernet_for.cache_clear()
    after = _raw_encrypted_values()
    assert set(after) == set(before)
    assert all(after[key] != before[key] for key in before), "every ciphertext changed"
    first = Household.objects.get(pk=households[0].pk)
    assert (first.nickname, first.notes, first.taxpayer_id_type) == (CANARIES["nickname"], CANARIES["notes"], "itin")
    second = Household.objects.get(pk=households[1].pk)
    assert second.spouse_id_type == "itin_expired"
    assert sorted(d.id_type for d in second.dependents.all()) == ["applying", "atin"]

    # And the old key alone no longer opens anything.
    settings.FIELD_ENCRYPTION_KEYS = [old_key]
    crypto._fernet_for.cache_clear()
    with pytest.raises(DecryptionError):
        Household.objects.get(pk=households[0].pk)


def test_running_it_twice_is_harmless(settings, households):
    new_key = crypto.generate_key()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *settings.FIELD_ENCRYPTION_KEYS]
    crypto._fernet_for.cache_clear()
    call_command("rotate_field_keys", stdout=io.StringIO())
    call_command("rotate_field_keys", stdout=io.StringIO())
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    crypto._fernet_for.cache_clear()
    assert Household.objects.get(pk=households[0].pk).nickname == CANARIES["nickname"]


def test_the_raw_database_holds_no_plaintext_in_any_encrypted_column(households):
    values = _raw_encrypted_values()
    assert values
    for (table, column, _pk), raw in values.items():
        assert raw.startswith("gAAAAA"), (table, column)
        # Six characters or more: a short word like "ssn" turns up in random base64 by chance.
        for canary in (*CANARIES.values(), "Canary", "itin_expired", "applying"):
            assert canary not in raw, (table, column)
