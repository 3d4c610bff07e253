"""Validators shared by every form that takes free text.

The clinic never records an ID number (docs/architecture.md, privacy principle 1). Anything shaped like an
SSN or ITIN is refused wherever a person can type: nicknames, notes, search boxes, usernames.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import groupby

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Between two digits of one number: up to MAX_MARKS punctuation or symbol characters of any kind
# (commas, parentheses, colons, plus, asterisks, every dash and minus, dots, slashes, middle dots,
# fraction slashes, emoji...) and up to MAX_SPACES spaces or line breaks; or a lone "x" with no
# space around it ("123x45x6789"). A letter, a word, a currency sign after a space, or a longer
# gap ends the number. "and"/"y"/"or"... between two numbers join them only for the stricter shapes.
MAX_MARKS = 3
MAX_SPACES = 12
CONNECTORS = frozenset({"and", "or", "plus", "y", "o", "e", "u", "mas", "más", "et", "und"})
# Dropped before matching: format characters (zero-width space, soft hyphen, word joiner, ZWJ,
# BOM, bidi controls) and combining marks, which hide between digits without showing.
_INVISIBLE = frozenset({"Cf", "Mn", "Me"})


def normalise_for_matching(text: str) -> str:
    """Return ``text`` as the filter sees it: NFKC (superscript, circled, full-width and math digits
    become ASCII digits), invisible characters dropped, every other decimal digit mapped to ASCII."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        if unicodedata.category(ch) in _INVISIBLE:
            continue
        if ch.isdecimal() and not ch.isascii():
            ch = str(unicodedata.decimal(ch))
        out.append(ch)
    return "".join(out)


def _kind(ch: str) -> str:
    if ch.isdecimal():
        return "digit"
    if ch.isspace():
        return "space"
    if ch.isalnum():
        return "letter"
    if unicodedata.category(ch) == "Sc":
        return "currency"
    return "mark"


def _joint(between: list[tuple[str, str]]) -> str | None:
    """How the segments between two digit groups join them: "tight", "connector" or None (apart)."""
    if len(between) == 1 and between[0][0] == "letter" and between[0][1] in ("x", "X"):
        return "tight"
    words = [text for kind, text in between if kind == "letter"]
    marks = sum(len(text) for kind, text in between if kind == "mark")
    spaces = sum(len(text) for kind, text in between if kind == "space")
    for index, (kind, _text) in enumerate(between):
        # "12$45": a currency sign right after a digit separates; " $3,500" starts a new amount.
        if kind == "currency":
            if index != 0:
                return None
            marks += 1
    if marks > MAX_MARKS or spaces > MAX_SPACES:
        return None
    if not words:
        return "tight"
    if len(words) == 1 and words[0].lower() in CONNECTORS:
        return "connector"
    return None


def _chains(text: str) -> list[tuple[list[int], list[str]]]:
    """Return each chain of digit groups with the joints between them."""
    segments = [(kind, "".join(chars)) for kind, chars in groupby(text, key=_kind)]
    chains: list[tuple[list[int], list[str]]] = []
    groups: list[int] = []
    joints: list[str] = []
    between: list[tuple[str, str]] = []
    for kind, chunk in segments:
        if kind != "digit":
            if groups:
                between.append((kind, chunk))
            continue
        joint = _joint(between) if groups else None
        if joint is None and groups:
            chains.append((groups, joints))
            groups, joints = [], []
        if groups:
            joints.append(joint)
        groups.append(len(chunk))
        between = []
    if groups:
        chains.append((groups, joints))
    return chains


def _tin_shaped(groups: list[int]) -> bool:
    if sum(groups) == 9 or max(groups) >= 9:
        return True
    return any(groups[i : i + 3] == [3, 2, 4] for i in range(len(groups) - 2))


def looks_like_tin(value: object) -> bool:
    """Return True when the text holds something shaped like an SSN or ITIN.

    Shapes refused, after ``normalise_for_matching``: nine digits in a row (or more: a number inside
    a longer run); exactly nine digits split by separators in any grouping; a 3-2-4 grouping inside a
    longer run. Across a connector word ("123 and 45 and 6789", "12345678 and 9") only a 3-2-4
    grouping or a lone number of seven or more digits completed to nine counts, so two amounts
    ("18,000 and 3,500") stay ordinary text.
    """
    if value is None:
        return False
    text = normalise_for_matching(str(value))
    for groups, joints in _chains(text):
        tight: list[list[int]] = [[groups[0]]]
        for group, joint in zip(groups[1:], joints, strict=True):
            if joint == "tight":
                tight[-1].append(group)
            else:
                tight.append([group])
        if any(_tin_shaped(run) for run in tight):
            return True
        if any(groups[i : i + 3] == [3, 2, 4] for i in range(len(groups) - 2)):
            return True
        for left, right in zip(tight, tight[1:], strict=False):
            if len(left) == len(right) == 1 and left[0] + right[0] == 9 and max(left[0], right[0]) >= 7:
                return True
    return False


TIN_MESSAGE = _(
    "This looks like a Social Security number or ITIN. The clinic never records ID numbers, "
    "because anything it keeps could be demanded by a court. Please remove it."
)


def reject_tin_shaped(value: object) -> None:
    """Refuse a value that looks like an SSN or ITIN (a form-field validator)."""
    if looks_like_tin(value):
        raise ValidationError(TIN_MESSAGE, code="tin_shaped")


def reject_control_characters(value: object) -> None:
    """Refuse NUL and other control characters (PostgreSQL refuses NUL; nothing types them)."""
    if value is None:
        return
    if any((ord(ch) < 32 and ch not in "\n\r\t") or ord(ch) == 127 for ch in str(value)):
        raise ValidationError(_("This text holds invisible control characters. Please retype it."), code="control")


_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[a-z]{2,}", re.IGNORECASE)
# Ten digits as a US phone number is written: (559) 555-0100, 559-555-0100, 559.555.0100, 5595550100.
_PHONE = re.compile(r"(?<!\d)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)")
_STREET = re.compile(
    r"\b\d{1,6}\s+(?:[\w.'-]+\s+){0,4}?(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|"
    r"ct|court|pl|place|hwy|highway|pkwy|parkway|cir|circle|ter|terrace)\b\.?"
    r"|\b(?:calle|avenida|camino)\s+[\w.'-]+\s+\d{1,6}\b"
    r"|\bp\.?\s?o\.?\s+box\s+\d+|\b(?:apt|apartment|unit|suite)\.?\s*#?\s*\d+",
    re.IGNORECASE,
)

CONTACT_MESSAGES = {
    "email": _("This looks like an e-mail address. Notes keep only what the screening needs: please remove it."),
    "phone": _("This looks like a phone number. Notes keep only what the screening needs: please remove it."),
    "address": _("This looks like a street address. Notes keep only what the screening needs: please remove it."),
}


def contact_detail_kind(value: object) -> str | None:
    """Return ``email``, ``phone`` or ``address`` when the text seems to hold one, else ``None``."""
    if not value:
        return None
    text = str(value)
    if _EMAIL.search(text):
        return "email"
    if _PHONE.search(text):
        return "phone"
    if _STREET.search(text):
        return "address"
    return None


def reject_contact_details(value: object) -> None:
    """Refuse an e-mail address, phone number or street address in notes (collect the minimum)."""
    kind = contact_detail_kind(value)
    if kind:
        raise ValidationError(CONTACT_MESSAGES[kind], code=f"contact_{kind}")
