"""Validators shared by every form that takes free text.

The clinic never records an ID number (docs/architecture.md, privacy principle 1). Anything shaped like an
SSN or ITIN is refused wherever a person can type: nicknames, notes, search boxes, usernames.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A run of digits, allowing up to three separator characters between any two digits
# ("123-45-6789", "123 45 6789", "123.45.6789", "1 2 3 4 5 6 7 8 9"). \d also matches
# non-ASCII digits (full-width, Arabic-Indic), so those cannot slip a number past us either.
_DIGIT_RUN = re.compile(r"\d(?:[\s\-‐‑‒–—―./_]{0,3}\d)*")
_GROUP = re.compile(r"\d+")

TIN_MESSAGE = _(
    "This looks like a Social Security number or ITIN. The clinic never records ID numbers, "
    "because anything it keeps could be demanded by a court. Please remove it."
)


def looks_like_tin(value: object) -> bool:
    """Return True when the text holds something shaped like an SSN or ITIN.

    Shapes refused: nine digits in a row (or more: a number inside a longer run), exactly nine
    digits split by separators in any grouping, and a 3-2-4 grouping inside a longer run.
    """
    if value is None:
        return False
    text = str(value)
    for run in _DIGIT_RUN.finditer(text):
        groups = [len(g) for g in _GROUP.findall(run.group())]
        if sum(groups) == 9 or max(groups) >= 9:
            return True
        for index in range(len(groups) - 2):
            if groups[index : index + 3] == [3, 2, 4]:
                return True
    return False


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
