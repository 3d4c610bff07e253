from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from clinic import crypto
from clinic.crypto import DecryptionError


@pytest.fixture(autouse=True)
def _clear_key_cache():
    crypto._fernet_for.cache_clear()
    yield
    crypto._fernet_for.cache_clear()


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 - fixed names
        return cursor.fetchone()[0]


def test_it_round_trips_text():
    token = crypto.encrypt("Mamá Lupe")
    assert token.startswith("gAAAAA")
    assert "Lupe" not in token
    assert crypto.decrypt(token) == "Mamá Lupe"


def test_it_fails_closed_with_a_wrong_key(settings):
    token = crypto.encrypt("itin")
    settings.FIELD_ENCRYPTION_KEYS = [crypto.generate_key()]
    with pytest.raises(DecryptionError):
        crypto.decrypt(token)


def test_it_fails_closed_without_keys(settings):
    settings.FIELD_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")


def test_it_decrypts_with_an_older_key_and_rotates_to_the_newest(settings):
    old = settings.FIELD_ENCRYPTION_KEYS[0]
    token = crypto.encrypt("itin_expired")
    new = crypto.generate_key()
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    assert crypto.decrypt(token) == "itin_expired"
    rotated = crypto.rotate(token)
    settings.FIELD_ENCRYPTION_KEYS = [new]
    assert crypto.decrypt(rotated) == "itin_expired"


@pytest.mark.django_db
def test_the_database_holds_no_plaintext_id_type(site_a):
    from clinic import clock
    from intake.models import Household

    now = clock.now()
    household = Household.objects.create(
        site=site_a,
        filing_status="single",
        taxpayer_id_type="itin",
        taxpayer_age=30,
        nickname="Canary Nick",
        notes="Canary note",
        created_at=now,
        updated_at=now,
        last_visit_at=now,
        purge_after=now.date(),
    )
    for column, planted in (("taxpayer_id_type", "itin"), ("nickname", "Canary"), ("notes", "Canary")):
        raw = _raw("intake_household", column, household.pk)
        assert raw.startswith("gAAAAA")
        assert planted not in raw
    assert Household.objects.get(pk=household.pk).taxpayer_id_type == "itin"


def test_encrypted_fields_refuse_plaintext_lookups(db):
    from intake.models import Household

    with pytest.raises(NotImplementedError):
        list(Household.objects.filter(taxpayer_id_type="itin"))
