"""Custom form fields of the intake desk: whole-dollar amounts, and an age or a birth year."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from intake.models import MAX_AGE, MAX_MONEY

# The season in progress: the default tax year of a new household (one setting).
TAX_YEAR = settings.CONFIANZA_TAX_YEAR

# "18000", "18,000", "$18,000", "18,000.50", "-1,200" (self-employment), "$-1,200", "-$1,200".
# No exponents, no NaN or Infinity, no other digits than 0-9: what a volunteer types, nothing else.
_MONEY = re.compile(r"^(?P<sign>-?)\$?(?P<sign2>-?)\s*(?P<number>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<cents>[0-9]{1,2}))?$")


MONEY_INVALID = _("Enter the amount in whole dollars, using digits, like 12500 or $12,500.")


def parse_money(raw: str, *, allow_negative: bool) -> int:
    """Return whole dollars from what a volunteer typed, or raise ValidationError with a code."""
    text = raw.strip().replace(" ", "").replace("\u00a0", "")
    match = _MONEY.match(text)
    if match is None or (match["sign"] and match["sign2"]):
        raise ValidationError(
            MONEY_INVALID,
            code="invalid",
        )
    negative = bool(match["sign"] or match["sign2"])
    if negative and not allow_negative:
        raise ValidationError(
            _("This amount cannot be negative: enter 0 or more, in whole dollars, like 12500."), code="negative"
        )
    try:
        amount = Decimal(match["number"].replace(",", "") + "." + (match["cents"] or "0"))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
        raise ValidationError(MONEY_INVALID, code="invalid") from exc
    dollars = int(amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    if dollars > MAX_MONEY:
        raise ValidationError(
            _("That is more than %(limit)s dollars. Check the amount and enter it in whole dollars, like 12500."),
            code="too_large",
            params={"limit": f"{MAX_MONEY:,}"},
        )
    return -dollars if negative else dollars


class MoneyField(forms.Field):
    """Whole dollars; accepts thousands separators and a dollar sign, rounds cents."""

    max_length = 20

    def __init__(self, *, allow_negative: bool = False, **kwargs):
        self.allow_negative = allow_negative
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": self.max_length}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return 0
        value = str(value).strip()
        if value == "":
            return 0
        if len(value) > self.max_length:
            raise ValidationError(MONEY_INVALID, code="invalid")
        return parse_money(value, allow_negative=self.allow_negative)


class AgeOrBirthYearMixin:
    """Accept an age at the end of the tax year, or a birth year from which it is computed.

    A filer's birth year is never stored, only the age; a dependent's is kept when typed, for the
    Trump-account pilot (docs/architecture.md, privacy principle 2; the help texts above).
    """

    tax_year: int = TAX_YEAR  # the household's tax year: ages are at the end of it

    def _age_from(self, prefix: str, *, required: bool) -> int | None:
        age = self.cleaned_data.get(f"{prefix}age")
        year = self.cleaned_data.get(f"{prefix}birth_year")
        if f"{prefix}age" in self.errors or f"{prefix}birth_year" in self.errors:
            return None
        if year is not None:
            computed = self.tax_year - year
            if age is not None and age != computed:
                self.add_error(
                    f"{prefix}birth_year",
                    ValidationError(
                        _("Born in %(year)s means %(computed)s at the end of %(tax_year)s, not %(age)s. "
                          "Give the age or the birth year, not both."),
                        code="age_mismatch",
                        params={"year": year, "computed": computed, "tax_year": self.tax_year, "age": age},
                    ),
                )
                return None
            age = computed
        if age is None and required:
            self.add_error(
                f"{prefix}age",
                ValidationError(_("Enter the age at the end of the year, or the birth year."), code="required"),
            )
        return age


def age_field(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        help_text=_("At the end of the tax year."),
        error_messages={
            "invalid": _("Enter the age in whole years, using digits, like 34."),
            "min_value": _("An age cannot be negative. Enter it in whole years, like 34 (0 for a baby)."),
            "max_value": _("Enter an age from 0 to %(limit_value)s, in whole years, like 34."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}),
    )


# What happens to a birth year typed at the desk, said the same way on the form and in the docs
# (docs/architecture.md, privacy principle 2): a filer's gives the age and is not kept; a
# dependent's is kept too, because the Trump-account pilot depends on the year of birth.
FILER_BIRTH_YEAR_HELP = _("Instead of the age. Only the age is kept.")
DEPENDENT_BIRTH_YEAR_HELP = _(
    "Instead of the age. Kept only to check the Trump-account pilot, which depends on the year of birth."
)


def birth_year_field(label, help_text=FILER_BIRTH_YEAR_HELP) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=TAX_YEAR - 1 - MAX_AGE,  # the prior year is served too (late returns)
        max_value=TAX_YEAR,
        help_text=help_text,
        error_messages={
            "invalid": _("Enter the birth year with four digits, like 1990."),
            "min_value": _("Enter a birth year of %(limit_value)s or later, with four digits, like 1990."),
            "max_value": _("Enter a birth year of %(limit_value)s or earlier, with four digits, like 1990."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}),
    )
