"""The encrypted model fields behave like the fields they stand in for (found by mutation testing).

Their options reach Django (blank, choices, the plaintext length limit), migrations see the same
field, forms get a length-limited text box, only ``isnull`` lookups are allowed, and errors about
a token never quote it.
"""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError

from clinic import crypto
from clinic.crypto import DecryptionError, EncryptedCharField, EncryptedTextField


@pytest.fixture(autouse=True)
def _clear_key_cache():
    crypto._fernet_for.cache_clear()
    yield
    crypto._fernet_for.cache_clear()


def _field(name):
    from intake.models import Household

    return Household._meta.get_field(name)


def test_the_field_options_reach_django():
    nickname = _field("nickname")
    assert isinstance(nickname, EncryptedCharField)
    assert nickname.blank is True and str(nickname.verbose_name) == "nickname"
    assert nickname.plain_max_length == 40
    id_type = _field("taxpayer_id_type")
    assert "itin" in dict(id_type.choices) and id_type.blank is False


def test_the_plaintext_length_is_validated():
    nickname = _field("nickname")
    nickname.run_validators("x" * 40)
    with pytest.raises(ValidationError):
        nickname.run_validators("x" * 41)


def test_migrations_see_the_length_and_the_options():
    name, path, args, kwargs = _field("nickname").deconstruct()
    assert path == "clinic.crypto.EncryptedCharField"
    assert kwargs["max_length"] == 40 and kwargs["blank"] is True
    plain = EncryptedCharField()
    assert "max_length" not in plain.deconstruct()[3]
    rebuilt = EncryptedCharField(*args, **kwargs)
    assert rebuilt.plain_max_length == 40 and len(rebuilt.validators) == len(_field("nickname").validators)


def test_a_form_gets_a_text_box_limited_to_the_plaintext_length():
    field = _field("nickname").formfield()
    assert type(field) is forms.CharField
    assert field.max_length == 40 and field.required is False
    assert field.widget.attrs.get("maxlength") == "40"
    assert isinstance(field.widget, forms.TextInput)
    textarea = _field("nickname").formfield(widget=forms.Textarea)
    assert isinstance(textarea.widget, forms.Textarea) and textarea.max_length == 40
    chosen = _field("taxpayer_id_type").formfield()
    assert isinstance(chosen, forms.TypedChoiceField)  # choices still give a select


@pytest.mark.django_db
def test_only_isnull_lookups_are_allowed(site_a, volunteer_a, make_household):
    from intake.models import Household

    make_household(site_a, volunteer_a, nickname="Nick")
    assert Household.objects.filter(nickname__isnull=False).count() == 1
    assert Household.objects.filter(nickname__isnull=True).count() == 0
    for lookup in ("exact", "icontains", "startswith", "in"):
        with pytest.raises(NotImplementedError, match="values are encrypted"):
            EncryptedTextField().get_lookup(lookup)


def test_errors_name_the_problem_and_never_the_token(settings):
    settings.FIELD_ENCRYPTION_KEYS = [crypto.generate_key()]
    bogus = "gAAAAA-not-a-real-token"
    for call in (crypto.decrypt, crypto.rotate):
        with pytest.raises(DecryptionError) as excinfo:
            call(bogus)
        message = str(excinfo.value)
        assert message == "an encrypted field could not be decrypted with the configured keys"
        assert bogus not in message


def test_a_rotated_token_reads_with_the_newest_key_only(settings):
    old, new = crypto.generate_key(), crypto.generate_key()
    assert isinstance(old, str) and len(old) == 44 and old != new
    settings.FIELD_ENCRYPTION_KEYS = [old]
    token = crypto.encrypt("applying")
    crypto._fernet_for.cache_clear()
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    rotated = crypto.rotate(token)
    assert isinstance(rotated, str) and rotated != token
    settings.FIELD_ENCRYPTION_KEYS = [new]
    assert crypto.decrypt(rotated) == "applying"
    with pytest.raises(DecryptionError):
        crypto.decrypt(token)
