"""Field-level encryption with keys held outside the database.

Names, nicknames, notes and every ID type are stored as Fernet tokens (AES-128-CBC with
HMAC-SHA256). Keys come from ``CONFIANZA_FIELD_KEYS`` (newest first); older keys still decrypt
so that ``manage.py rotate_field_keys`` can re-encrypt in batches. A missing or wrong key raises
instead of returning ciphertext or an empty value: the app fails closed.

Fernet does not hide a value's length, and the length of an ID type gives the type away (finding 1
of the December 2026 review). So every value, the empty one included, is padded before it is
encrypted: a short field with choices to one fixed length (its ``max_length``), other short fields
to four bytes per allowed character (the longest UTF-8 text that fits), free text to a length class
(the next power of two from 256 bytes). Every token of an ID-type column has one length, whatever
the type; a note's token says only which length class it is in.
"""

from __future__ import annotations

import functools
import struct

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


# A padded plaintext: marker, format version, the value's length in bytes, the value, NUL bytes.
# No unpadded value written before padding existed starts with NUL (PostgreSQL refuses NUL and the
# forms refuse control characters), so both read back correctly until rotate_field_keys re-pads them.
PAD_MARKER = b"\x00\x01"
_HEADER = struct.Struct(">I")
PAD_HEADER_SIZE = len(PAD_MARKER) + _HEADER.size
FREE_TEXT_FIRST_CLASS = 256


def length_class(size: int, *, first: int = FREE_TEXT_FIRST_CLASS) -> int:
    """Return the padded size for ``size`` bytes of free text: a power of two, at least ``first``."""
    padded = first
    while padded < size:
        padded *= 2
    return padded


def pad(data: bytes, size: int) -> bytes:
    """Return ``data`` framed and padded with NUL to ``size`` bytes of payload (or its length class)."""
    if len(data) > size:
        # A value longer than its field allows (validation is bypassed): a coarser class, never an error.
        size = length_class(len(data), first=max(size, 1))
    return PAD_MARKER + _HEADER.pack(len(data)) + data + b"\x00" * (size - len(data))


def unpad(plain: bytes) -> bytes:
    """Return the value inside a padded plaintext; a plaintext without the marker is returned as is."""
    if not plain.startswith(PAD_MARKER):
        return plain
    (length,) = _HEADER.unpack_from(plain, len(PAD_MARKER))
    return plain[PAD_HEADER_SIZE : PAD_HEADER_SIZE + length]


def encrypt(value: str, *, pad_to: int | None = None) -> str:
    """Encrypt ``value``; with ``pad_to``, pad it to that many bytes first (see ``pad``)."""
    data = value.encode("utf-8")
    if pad_to is not None:
        data = pad(data, pad_to)
    return fernet().encrypt(data).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return unpad(fernet().decrypt(token.encode("ascii"))).decode("utf-8")
    except (InvalidToken, UnicodeError, struct.error) as exc:
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
    """A text column stored encrypted and padded; only the ``isnull`` lookup makes sense.

    Every value, the empty string included, is a Fernet token of the field's length class (so an
    empty value cannot be told from a short one); tokens are non-deterministic, so equality lookups
    on plaintext are refused. A column written before padding may still hold ``""``: it reads as
    ``""``.
    """

    description = "Text encrypted with the clinic's field keys"
    encrypted = True

    def padded_size(self, data: bytes) -> int:
        """Free text: the length class of the value."""
        return length_class(len(data))

    def encrypt_value(self, value: str) -> str:
        data = value.encode("utf-8")
        return encrypt(value, pad_to=self.padded_size(data))

    def reencrypt(self, token: str) -> str:
        """Return ``token``'s value re-padded and encrypted under the newest key (rotate_field_keys)."""
        return self.encrypt_value(decrypt(token) if token else "")

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return self.encrypt_value(str(value))

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

    def padded_size(self, data: bytes) -> int:
        """One length per field: ``max_length`` bytes for choices (ASCII codes), else 4 per character."""
        if self.plain_max_length is None:
            return super().padded_size(data)
        return self.plain_max_length if self.choices else 4 * self.plain_max_length

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
