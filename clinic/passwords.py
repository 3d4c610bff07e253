"""Password rules beyond Django's own: length, and nothing like the username or name (ASVS 6.2; no composition rules)."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MaximumLengthValidator:
    """Refuse passwords longer than ``max_length`` (128 by default: room for any passphrase)."""

    def __init__(self, max_length: int = 128):
        self.max_length = max_length

    def validate(self, password: str, user=None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                ngettext(
                    "This password is too long. It must contain at most %(max_length)d character.",
                    "This password is too long. It must contain at most %(max_length)d characters.",
                    self.max_length,
                ),
                code="password_too_long",
                params={"max_length": self.max_length},
            )

    def get_help_text(self) -> str:
        return _("Your password can be a long passphrase, up to %(max_length)d characters.") % {
            "max_length": self.max_length
        }


def _condensed(text: str) -> str:
    """Case-folded letters and digits only (NFKC first): "New-Vol 2" and "newvol2" are one word."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


class NotLikeUserValidator:
    """Refuse a password that contains, or is contained in, the username or the person's name.

    Django's ``UserAttributeSimilarityValidator`` compares the whole strings, so "newvol2newvol2"
    passes for the user "newvol2" (similarity 0.67). Here each attribute is condensed (case,
    spaces and punctuation ignored), as are its words of ``min_part`` characters or more, and the
    password is refused if it contains any of them or is contained in one.
    """

    ATTRIBUTES = ("username", "first_name", "last_name", "email")

    def __init__(self, min_part: int = 4):
        self.min_part = min_part

    def _parts(self, user) -> set[str]:
        parts: set[str] = set()
        for attribute in self.ATTRIBUTES:
            value = str(getattr(user, attribute, "") or "")
            if attribute == "email":
                value = value.partition("@")[0]
            whole = _condensed(value)
            if len(whole) >= 3:
                parts.add(whole)
            for word in re.split(r"[\W_]+", value):
                word = _condensed(word)
                if len(word) >= self.min_part:
                    parts.add(word)
        return parts

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        condensed = _condensed(password)
        for part in self._parts(user):
            if part in condensed or (condensed and condensed in part):
                raise ValidationError(
                    _("This password is too similar to your username or name. Choose one that has nothing to do with them."),
                    code="password_too_similar",
                )

    def get_help_text(self) -> str:
        return _("Your password cannot contain your username or your name.")
