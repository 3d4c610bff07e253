"""Field-level encryption with keys held outside the database.

Names, nicknames, notes and every ID type are stored as Fernet tokens (AES-128-CBC with
HMAC-SHA256). Keys come from ``CONFIANZA_FIELD_KEYS`` (newest first); older keys still decrypt
so that ``manage.py rotate_field_keys`` can re-encrypt in batches. A missing or wrong key raises
instead of returning ciphertext or an empty value: the app fails closed.
"""

from __future__ import annotations

import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


@functools.cache
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("CONFIANZA_FIELD_KEYS is empty: encrypted fields cannot be read")
    try:
        return MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    except (ValueError, UnicodeEncodeError) as exc:
        raise ImproperlyConfigured(
            "CONFIANZA_FIELD_KEYS must be Fernet keys (32 url-safe base64 bytes), comma-separated"
        ) from exc


def fernet() -> MultiFernet:
    """Return the MultiFernet for the configured keys (newest key encrypts)."""
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError) as exc:
        # Never include the token or any plaintext in the message.
        raise DecryptionError("an encrypted field could not be decrypted with the configured keys") from exc


def rotate(token: str) -> str:
    """Return the token re-encrypted under the newest key."""
    try:
        return fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as exc:
        raise DecryptionError("an encrypted field could not be decrypted with the configured keys") from exc


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; only ``isnull`` and ``exact ''`` lookups make sense.

    Empty strings stay empty (nothing to protect, and forms rely on it); everything else is a
    Fernet token, non-deterministic, so equality lookups on plaintext are refused.
    """

    description = "Text encrypted with the clinic's field keys"
    encrypted = True

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name not in ("isnull",):
            raise NotImplementedError(
                f"{self.__class__.__name__} does not support the '{lookup_name}' lookup: values are encrypted"
            )
        return super().get_lookup(lookup_name)


class EncryptedCharField(EncryptedTextField):
    """An encrypted short value with a maximum plaintext length (validated, not stored as such)."""

    def __init__(self, *args, max_length: int | None = None, **kwargs):
        self.plain_max_length = max_length
        super().__init__(*args, **kwargs)
        if max_length is not None:
            from django.core.validators import MaxLengthValidator

            self.validators.append(MaxLengthValidator(max_length))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.plain_max_length is not None:
            kwargs["max_length"] = self.plain_max_length
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        from django import forms

        defaults = {"max_length": self.plain_max_length, "form_class": forms.CharField, "widget": None}
        defaults.update(kwargs)
        if defaults.get("widget") is None:
            defaults.pop("widget")
        return models.Field.formfield(self, **defaults)
