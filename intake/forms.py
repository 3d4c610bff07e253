"""Forms of the intake desk: consent, household, dependents, find by visit code.

Forms validate and translate what was typed into the values the services accept; they never save.
Every free-text field refuses anything shaped like an SSN or ITIN (clinic/validators.py).
"""

from __future__ import annotations

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.formsets import TOTAL_FORM_COUNT
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from clinic.languages import LanguageChoiceField, normalize_language
from clinic.validators import reject_contact_details, reject_control_characters, reject_tin_shaped
from intake.eligibility.facts import FilingStatus
from intake.facts import DEPENDENT_FIELDS, dependent_values
from intake.fields import (
    DEPENDENT_BIRTH_YEAR_HELP,
    AgeOrBirthYearMixin,
    MoneyField,
    age_field,
    birth_year_field,
)
from intake.models import (
    FILER_ID_TYPE_CHOICES,
    FILING_STATUS_CHOICES,
    ID_TYPE_CHOICES,
    ITIN_USE_CHOICES,
    MAX_DEPENDENTS,
    RELATIONSHIP_CHOICES,
    VISIT_CODE_ALPHABET,
    VISIT_CODE_LENGTH,
    desk_tax_years,
)
from intake.services import HOUSEHOLD_FIELDS

DEPENDENT_PREFIX = "dependents"
BLANK_CHOICE = [("", _("Choose…"))]
ADD_BUTTON = "add-dependent"
REMOVE_BUTTON = "remove-dependent"
# "Change answers" on the anonymous results: the form again, filled with what was posted.
REVISE_BUTTON = "revise"

def mark_required(field: forms.Field) -> forms.Field:
    """Mark a field the volunteer must answer, though it is validated with another one.

    The age (or the birth year instead) and the spouse's answers (married filing jointly only) are
    ``required=False`` because ``clean()`` decides; they still show the * and tell screen readers.
    """
    field.desk_required = True
    field.widget.attrs["aria-required"] = "true"
    return field


# A spouse's answers, and how to tell that one was given (the form's raw data, before clean()).
SPOUSE_FIELDS = (
    "spouse_id_type", "spouse_age", "spouse_birth_year", "spouse_foster_youth", "spouse_blind",
    "spouse_itin_used_recently", "spouse_qualified_tips", "spouse_qualified_overtime",
)
# Filing statuses that need a qualifying person (the engine screens them as single without one).
NEEDS_QUALIFYING_PERSON = (FilingStatus.HEAD_OF_HOUSEHOLD.value, FilingStatus.QUALIFYING_SURVIVING_SPOUSE.value)


def _text_validators() -> list:
    return [reject_tin_shaped, reject_control_characters]


class ConsentForm(forms.Form):
    """The client agrees that the clinic records their household for this season."""

    client_agreed = forms.BooleanField(
        label=_("I explained what the clinic records and why, and the client agrees that their household "
                "is recorded for screening this filing season."),
        error_messages={"required": _("Record the household only if the client agrees. "
                                      "Without consent, use the anonymous screening.")},
    )

    def __init__(self, *args, sites=(), **kwargs):
        super().__init__(*args, **kwargs)
        sites = list(sites)
        if len(sites) > 1:
            self.fields["site"] = forms.ChoiceField(
                label=_("Site"), choices=[(str(s.pk), s.name) for s in sites]
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def blank_initial(self) -> dict:
        """A blank consent form has no initial value (see ``blank_form_key``)."""
        return {}


def _filer_fieldset(person: str, legend) -> Fieldset:
    """Return the fieldset for the taxpayer or the spouse: ID type, age or birth year, foster care."""
    return Fieldset(
        legend,
        Field(f"{person}_id_type"),
        Div(
            Div(Field(f"{person}_age"), css_class="col-sm-6"),
            Div(Field(f"{person}_birth_year"), css_class="col-sm-6"),
            css_class="row",
        ),
        Field(f"{person}_foster_youth"),
        Field(f"{person}_blind"),
        Field(f"{person}_itin_used_recently"),
        Div(
            Div(Field(f"{person}_qualified_tips"), css_class="col-sm-6"),
            Div(Field(f"{person}_qualified_overtime"), css_class="col-sm-6"),
            css_class="row",
        ),
        css_id=f"fieldset-{person}",
    )


def _filer_fields(person: str) -> dict:
    """The per-filer fields added for the 2027 season (taxpayer or spouse)."""
    labels = {
        "taxpayer": (_("Taxpayer is blind"), _("Was the taxpayer's ITIN on a federal return in any of the last three years?"),
                     _("Taxpayer's qualified tips"), _("Taxpayer's overtime premium")),
        "spouse": (_("Spouse is blind"), _("Was the spouse's ITIN on a federal return in any of the last three years?"),
                   _("Spouse's qualified tips"), _("Spouse's overtime premium")),
    }[person]
    return {
        f"{person}_blind": forms.BooleanField(label=labels[0], required=False),
        f"{person}_itin_used_recently": forms.ChoiceField(
            label=labels[1], choices=ITIN_USE_CHOICES, required=False,
            help_text=_("Only for an ITIN. If not, it has expired: renew it with Form W-7."),
        ),
        f"{person}_qualified_tips": MoneyField(label=labels[2], help_text=_("Part of the wages above.")),
        f"{person}_qualified_overtime": MoneyField(
            label=labels[3], help_text=_("Only the extra half of time-and-a-half pay; part of the wages.")
        ),
    }


def _tax_year_choices() -> list[tuple[str, str]]:
    season = settings.CONFIANZA_TAX_YEAR
    return [
        (str(year), gettext("%(year)s (this season)") % {"year": year} if year == season
         else gettext("%(year)s (late return)") % {"year": year})
        for year in desk_tax_years()
    ]


def posted_tax_year(data) -> int:
    """Return the tax year a POST asks for, or the season's when it is missing or not served."""
    try:
        year = int((data or {}).get("tax_year", ""))
    except (TypeError, ValueError):
        return settings.CONFIANZA_TAX_YEAR
    return year if year in desk_tax_years() else settings.CONFIANZA_TAX_YEAR


class HouseholdForm(AgeOrBirthYearMixin, forms.Form):
    """Who files, their ID *types* and ages, income, and how to talk with the client."""

    tax_year = forms.TypedChoiceField(
        label=_("Tax year"), coerce=int, choices=(), required=False, empty_value=None,
        help_text=_("This season's year, or the year before for a late return."),
    )
    filing_status = forms.ChoiceField(
        label=_("Filing status"), choices=BLANK_CHOICE + FILING_STATUS_CHOICES,
        error_messages={"required": _("Choose the filing status.")},
    )

    taxpayer_id_type = forms.ChoiceField(
        label=_("Taxpayer's ID type"),
        choices=BLANK_CHOICE + FILER_ID_TYPE_CHOICES,
        help_text=_("The type only. Never write the number down."),
        error_messages={"required": _("Choose the taxpayer's ID type, or “Prefers not to say”.")},
    )
    taxpayer_age = age_field(_("Taxpayer's age"))
    taxpayer_birth_year = birth_year_field(_("or taxpayer's birth year"))
    taxpayer_foster_youth = forms.BooleanField(
        label=_("Taxpayer was in California foster care at age 13 or older"), required=False
    )

    spouse_id_type = forms.ChoiceField(
        label=_("Spouse's ID type"), choices=BLANK_CHOICE + FILER_ID_TYPE_CHOICES, required=False
    )
    spouse_age = age_field(_("Spouse's age"))
    spouse_birth_year = birth_year_field(_("or spouse's birth year"))
    spouse_foster_youth = forms.BooleanField(
        label=_("Spouse was in California foster care at age 13 or older"), required=False
    )

    wages = MoneyField(label=_("Wages (W-2)"), help_text=_("Whole dollars for the year, e.g. 18,000."))
    self_employment_income = MoneyField(
        label=_("Self-employment income"),
        allow_negative=True,
        help_text=_("Profit after expenses; may be negative."),
    )
    other_income = MoneyField(label=_("Other income"))
    investment_income = MoneyField(label=_("Investment income"), help_text=_("Interest, dividends, gains."))
    car_loan_interest = MoneyField(
        label=_("Car-loan interest"),
        help_text=_("Interest paid on a loan taken out after 2024 for a new vehicle assembled in the U.S."),
    )
    taxpayer_blind, taxpayer_itin_used_recently, taxpayer_qualified_tips, taxpayer_qualified_overtime = (
        _filer_fields("taxpayer").values()
    )
    spouse_blind, spouse_itin_used_recently, spouse_qualified_tips, spouse_qualified_overtime = (
        _filer_fields("spouse").values()
    )

    language = LanguageChoiceField(label=_("Client's language for handouts"), choices=())
    nickname = forms.CharField(
        label=_("Nickname (optional)"),
        required=False,
        max_length=40,
        validators=_text_validators(),
        help_text=_("What to call the client. Not their full name."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        max_length=2000,
        validators=[*_text_validators(), reject_contact_details],
        help_text=_("No ID numbers, addresses, phone numbers, e-mail or immigration details."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    client_fields: tuple[str, ...] = ("language", "nickname", "notes")

    def __init__(self, *args, hidden: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("nickname", "notes"):
            if name not in self.client_fields:
                del self.fields[name]
        self.fields["language"].choices = settings.HANDOUT_LANGUAGES
        self.fields["tax_year"].choices = _tax_year_choices()
        # The language select has no blank choice, so the browser's ``required`` is not rendered for it.
        for name in ("taxpayer_age", "spouse_id_type", "spouse_age", "language"):
            mark_required(self.fields[name])
        self.removed_spouse_answers: list[str] = []
        if not self.is_bound and "tax_year" not in self.initial:
            self.initial["tax_year"] = settings.CONFIANZA_TAX_YEAR
        if not self.is_bound and "language" not in self.initial:
            self.initial["language"] = normalize_language(get_language()) or settings.LANGUAGE_CODE
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Div(
                Div(
                    Fieldset(_("Filing"), Field("tax_year"), Field("filing_status"), css_id="fieldset-filing"),
                    _filer_fieldset("taxpayer", _("Taxpayer")),
                    _filer_fieldset("spouse", _("Spouse (married filing jointly only)")),
                    css_class="col-lg-6",
                ),
                Div(
                    Fieldset(
                        _("Income for the year"),
                        Div(
                            Div(Field("wages"), css_class="col-sm-6"),
                            Div(Field("self_employment_income"), css_class="col-sm-6"),
                            Div(Field("other_income"), css_class="col-sm-6"),
                            Div(Field("investment_income"), css_class="col-sm-6"),
                            Div(Field("car_loan_interest"), css_class="col-sm-6"),
                            css_class="row",
                        ),
                        css_id="fieldset-income",
                    ),
                    Fieldset(
                        _("Talking with the client"),
                        *(Field(name) for name in self.client_fields),
                        css_id="fieldset-client",
                    ),
                    css_class="col-lg-6",
                ),
                css_class="row gx-5",
            )
        )

    def clean(self):
        cleaned = super().clean()
        self.tax_year = cleaned.get("tax_year") or settings.CONFIANZA_TAX_YEAR
        cleaned["taxpayer_age"] = self._age_from("taxpayer_", required=True)
        joint = cleaned.get("filing_status") == FilingStatus.MARRIED_FILING_JOINTLY.value
        if joint:
            if not cleaned.get("spouse_id_type") and "spouse_id_type" not in self.errors:
                self.add_error(
                    "spouse_id_type",
                    ValidationError(_("Married filing jointly: choose the spouse's ID type."), code="required"),
                )
            cleaned["spouse_age"] = self._age_from("spouse_", required=True)
        else:
            # The form asks about a spouse only for a joint return: answers typed there are removed,
            # and the view says so (by field name, never the value) instead of dropping them silently.
            self.removed_spouse_answers = [
                str(self.fields[name].label) for name in SPOUSE_FIELDS if self._answered(name)
            ]
            cleaned.update(
                spouse_id_type="", spouse_age=None, spouse_foster_youth=False, spouse_blind=False,
                spouse_itin_used_recently="", spouse_qualified_tips=0, spouse_qualified_overtime=0,
            )
            for name in ("spouse_id_type", "spouse_age", "spouse_birth_year", "spouse_qualified_tips",
                         "spouse_qualified_overtime"):
                self.errors.pop(name, None)
        wages = cleaned.get("wages")
        parts = sum(
            cleaned.get(f"{person}_{kind}") or 0
            for person in ("taxpayer", "spouse") for kind in ("qualified_tips", "qualified_overtime")
        )
        if wages is not None and parts > wages:
            self.add_error("taxpayer_qualified_tips", ValidationError(
                _("Tips and overtime are part of the wages: together they cannot be more than the wages."),
                code="more_than_wages",
            ))
        return cleaned

    def _answered(self, name: str) -> bool:
        """Return whether the volunteer gave an answer to this field (a zero amount is none)."""
        field = self.fields[name]
        raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        if isinstance(field, forms.BooleanField):
            return bool(field.to_python(raw))
        text = str(raw or "").strip()
        if isinstance(field, MoneyField):
            return text.strip("$0,. ") != ""
        return text != ""

    def check_dependents(self, formset) -> None:
        """Refuse head of household (or QSS) without a qualifying person among the dependents.

        Everything typed stays in the form; the message says what to choose instead.
        """
        status = self.cleaned_data.get("filing_status") if hasattr(self, "cleaned_data") else None
        if status not in NEEDS_QUALIFYING_PERSON or formset.filled_forms():
            return
        message = {
            FilingStatus.HEAD_OF_HOUSEHOLD.value: _(
                "Head of household needs a qualifying person. Add that person under Dependents, "
                "or choose another filing status, such as Single."
            ),
            FilingStatus.QUALIFYING_SURVIVING_SPOUSE.value: _(
                "Qualifying surviving spouse needs a qualifying person. Add that person under Dependents, "
                "or choose another filing status, such as Single."
            ),
        }[status]
        self.add_error("filing_status", ValidationError(message, code="needs_qualifying_person"))

    def spouse_removed_message(self) -> str | None:
        """Return the sentence that tells the volunteer which spouse answers were not kept, if any."""
        if not self.removed_spouse_answers:
            return None
        status = dict(FILING_STATUS_CHOICES).get(self.cleaned_data.get("filing_status"), "")
        return gettext(
            "The spouse's answers were removed (%(fields)s): the filing status is %(status)s, and a spouse "
            "is asked about only for married filing jointly. To keep them, choose Married filing jointly "
            "and enter them again."
        ) % {"fields": ", ".join(self.removed_spouse_answers), "status": status}

    def household_values(self) -> dict:
        """Return the values ``household_open``/``household_update`` accept."""
        data = self.cleaned_data
        return {
            "filing_status": data["filing_status"],
            "taxpayer_id_type": data["taxpayer_id_type"],
            "taxpayer_age": data["taxpayer_age"],
            "taxpayer_foster_youth": data["taxpayer_foster_youth"],
            "spouse_id_type": data["spouse_id_type"],
            "spouse_age": data["spouse_age"],
            "spouse_foster_youth": data["spouse_foster_youth"],
            "wages": data["wages"],
            "self_employment_income": data["self_employment_income"],
            "other_income": data["other_income"],
            "investment_income": data["investment_income"],
            "car_loan_interest": data["car_loan_interest"],
            **{
                f"{person}_{name}": data[f"{person}_{name}"]
                for person in ("taxpayer", "spouse")
                for name in ("blind", "itin_used_recently", "qualified_tips", "qualified_overtime")
            },
            "language": data["language"],
            "nickname": data.get("nickname", ""),
            "notes": data.get("notes", ""),
            "tax_year": self.tax_year,
        }

    def blank_initial(self) -> dict:
        """The initial values every blank form of this class starts from (no client's answer)."""
        return {
            "tax_year": settings.CONFIANZA_TAX_YEAR,
            "language": normalize_language(get_language()) or settings.LANGUAGE_CODE,
        }


def blank_form_key(form) -> tuple | None:
    """Return a key naming everything a *blank* household or consent form's HTML depends on, or None.

    Rendering the household form through crispy-forms is most of the CPU of the screening and
    recording pages (about 30 ms a request, docs/benchmarks.md "Page cost, in process"), yet a
    blank form is the same HTML for every volunteer in a language: ``intake_forms.crispy_blank``
    keeps it per process under this key. Only an unbound form whose initial values are exactly the
    defaults (season's tax year, the page's language) has a key: a form that shows anything a client
    answered (edit, "add a dependent", "change answers", errors) has none and is rendered afresh, so
    nothing a client said is ever kept. The key holds the language, the prefix and ids, and every
    field's label, help text, choices, required flag and widget, so a changed setting (tax years,
    handout languages) or field makes a new key instead of serving stale HTML.
    """
    if form.is_bound or not isinstance(form, HouseholdForm | ConsentForm) or form.initial != form.blank_initial():
        return None
    fields = tuple(
        (
            name,
            str(field.label),
            str(field.help_text),
            field.required,
            tuple((str(value), str(label)) for value, label in getattr(field, "choices", ())),
            type(field.widget).__name__,
            tuple(sorted((key, str(value)) for key, value in field.widget.attrs.items())),
        )
        for name, field in form.fields.items()
    )
    return (type(form).__qualname__, get_language(), form.prefix, form.auto_id,
            tuple(sorted(form.initial.items())), fields)


class ScreeningForm(HouseholdForm):
    """The anonymous screening: the same questions, no nickname and no notes (nothing is kept)."""

    client_fields = ("language",)
    keeps_nothing = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Nothing is kept here, not even the age: the recording form's "only the age is kept" is untrue.
        for name in ("taxpayer_birth_year", "spouse_birth_year"):
            self.fields[name].help_text = _("Instead of the age.")


class DependentForm(AgeOrBirthYearMixin, forms.Form):
    """One dependent: ID type, age, student or disabled, months lived with the filer. No name."""

    id_type = forms.ChoiceField(
        label=_("ID type"), choices=BLANK_CHOICE + ID_TYPE_CHOICES,
        error_messages={"required": _("Choose this dependent's ID type, or “Prefers not to say”.")},
    )
    age = age_field(_("Age"))
    birth_year = birth_year_field(_("or birth year"), help_text=DEPENDENT_BIRTH_YEAR_HELP)
    months_lived_with_filer = forms.IntegerField(
        label=_("Months lived with the filer"),
        min_value=0,
        max_value=12,
        initial=12,
        error_messages={
            "required": _("Enter the months the dependent lived with the filer, from 0 to 12, like 12."),
            "invalid": _("Enter the months as a whole number from 0 to 12, like 12."),
            "min_value": _("Enter the months as a whole number from 0 to 12, like 12."),
            "max_value": _("Enter the months as a whole number from 0 to 12, like 12."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}),
    )
    full_time_student = forms.BooleanField(label=_("Full-time student"), required=False)
    permanently_disabled = forms.BooleanField(label=_("Permanently and totally disabled"), required=False)
    relationship = forms.TypedChoiceField(
        label=_("Relationship"), choices=RELATIONSHIP_CHOICES, initial="child", required=False, empty_value="child"
    )

    def __init__(self, *args, tax_year: int | None = None, keeps_nothing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.tax_year = tax_year or settings.CONFIANZA_TAX_YEAR
        if keeps_nothing:  # the anonymous screening: not even the age is kept
            self.fields["birth_year"].help_text = _("Instead of the age.")
        # A blank row is ignored, so the browser never enforces these; they are marked all the same.
        for name in ("id_type", "age", "months_lived_with_filer"):
            mark_required(self.fields[name])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Div(
                Div(Field("id_type"), css_class="col-md-6 col-xl-4"),
                Div(Field("age"), css_class="col-6 col-md-3 col-xl-2"),
                Div(Field("birth_year"), css_class="col-6 col-md-3 col-xl-2"),
                Div(Field("months_lived_with_filer"), css_class="col-md-6 col-xl-4"),
                Div(Field("relationship"), css_class="col-md-6 col-xl-4"),
                Div(Field("full_time_student"), css_class="col-sm-6 col-xl-4"),
                Div(Field("permanently_disabled"), css_class="col-sm-6 col-xl-4"),
                css_class="row",
            )
        )

    def clean(self):
        cleaned = super().clean()
        cleaned["age"] = self._age_from("", required=True)
        return cleaned

    def dependent_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in DEPENDENT_FIELDS}


class BaseDependentFormSet(forms.BaseFormSet):
    """Dependents as rows; a row left blank is ignored, so "add another" never forces an answer.

    Every row counts as an extra row (``initial_form_count`` is 0 even when rows are pre-filled
    from a saved household or from what was typed), which also makes a tampered ``INITIAL_FORMS``
    meaningless. The template renders the management form from the rows actually built, so a
    damaged count repairs itself on the next submission.
    """

    default_error_messages = {
        "missing_management_form": _(
            "The list of dependents was damaged (%(field_names)s). Please check the dependents and save again."
        ),
        "too_many_forms": _("A household can have at most %(num)s dependents here."),
        "too_few_forms": _("Please enter at least %(num)s dependents."),
    }

    def initial_form_count(self) -> int:
        return 0

    def total_form_count(self) -> int:
        if self.is_bound:
            return super().total_form_count()
        return min(len(self.initial or ()) + self.extra, self.absolute_max)

    def clean(self):
        submitted = self.management_form.cleaned_data.get(forms.formsets.TOTAL_FORM_COUNT) or 0
        if submitted < 0:
            raise ValidationError(
                _("The list of dependents was damaged. Please check the dependents and save again."),
                code="tampered",
            )

    def filled_forms(self) -> list[DependentForm]:
        """Return the rows that hold an answer (blank rows are skipped)."""
        return [form for form in self.forms if form.has_changed()]

    def dependent_values(self) -> list[dict]:
        return [form.dependent_values() for form in self.filled_forms()]


DependentFormSet = forms.formset_factory(
    DependentForm,
    formset=BaseDependentFormSet,
    extra=0,
    max_num=MAX_DEPENDENTS,
    validate_max=True,
    absolute_max=MAX_DEPENDENTS,
)


class VersionForm(forms.Form):
    """The version the edit form was loaded at (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


_CODE_CLEAN = re.compile(r"[\s\-]")


class FindForm(forms.Form):
    """Find a household by its visit code (never by name)."""

    code = forms.CharField(
        label=_("Visit code"),
        max_length=20,
        validators=[reject_tin_shaped],
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "K7MQ-4XTP", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        raw = _CODE_CLEAN.sub("", self.cleaned_data["code"]).upper()
        if len(raw) != VISIT_CODE_LENGTH or any(ch not in VISIT_CODE_ALPHABET for ch in raw):
            raise ValidationError(
                _("A visit code has eight letters and digits, like K7MQ-4XTP."), code="invalid"
            )
        return f"{raw[:4]}-{raw[4:]}"


# --- binding the household form and its dependents -------------------------------------------


def posted_rows(data) -> list[dict[str, str]]:
    """Return the dependent rows as typed, in order, however the count was tampered with."""
    try:
        total = int(data.get(f"{DEPENDENT_PREFIX}-{TOTAL_FORM_COUNT}", 0))
    except (TypeError, ValueError):
        total = 0
    rows = []
    for index in range(max(0, min(total, MAX_DEPENDENTS))):
        prefix = f"{DEPENDENT_PREFIX}-{index}-"
        rows.append({key[len(prefix):]: value for key, value in data.items() if key.startswith(prefix)})
    return rows


def _typed_household(data) -> dict[str, str]:
    return {name: data.get(name) for name in HouseholdForm.base_fields if name in data}


def reshaped_forms(data, *, form_class=None):
    """Handle "add another dependent" and "remove": re-render what was typed, nothing validated.

    Return ``(form, formset)`` or ``None`` when the POST is a real submission. Works with
    JavaScript off: both buttons are plain submit buttons.
    """
    if ADD_BUTTON not in data and REMOVE_BUTTON not in data and REVISE_BUTTON not in data:
        return None
    rows = posted_rows(data)
    if REVISE_BUTTON in data:
        pass
    elif REMOVE_BUTTON in data:
        try:
            index = int(data.get(REMOVE_BUTTON))
        except (TypeError, ValueError):
            index = -1
        if 0 <= index < len(rows):
            rows.pop(index)
    elif len(rows) < MAX_DEPENDENTS:
        rows.append({})
    form = (form_class or HouseholdForm)(initial=_typed_household(data))
    formset = DependentFormSet(initial=rows, prefix=DEPENDENT_PREFIX, form_kwargs=_dependent_kwargs(form_class))
    return form, formset


def household_forms(data=None, *, initial=None, rows=None, form_class=None):
    """Return ``(form, formset, submitted)`` for POSTed ``data``, or unbound forms when it is ``None``.

    ``submitted`` is true only for a real submission: an "add/remove dependent" POST re-renders
    what was typed without validating it, and a GET starts from ``initial`` and ``rows``.
    """
    form_class = form_class or HouseholdForm
    if data is not None:
        reshaped = reshaped_forms(data, form_class=form_class)
        if reshaped is not None:
            return (*reshaped, False)
        year = posted_tax_year(data)
        kwargs = {"tax_year": year, **_dependent_kwargs(form_class)}
        return form_class(data), DependentFormSet(data, prefix=DEPENDENT_PREFIX, form_kwargs=kwargs), True
    formset = DependentFormSet(initial=rows, prefix=DEPENDENT_PREFIX, form_kwargs=_dependent_kwargs(form_class))
    return form_class(initial=initial), formset, False


def _dependent_kwargs(form_class) -> dict:
    return {"keeps_nothing": True} if getattr(form_class, "keeps_nothing", False) else {}


def household_valid(form, formset) -> bool:
    """Validate the household and its dependents together (every error at once, nothing lost)."""
    form_ok = form.is_valid()
    formset_ok = formset.is_valid()
    form.check_dependents(formset)
    return form_ok and formset_ok and not form.errors


def household_initial(household) -> tuple[dict, list[dict]]:
    """Return the form's initial values and dependent rows for a saved household."""
    initial = {name: getattr(household, name) for name in HOUSEHOLD_FIELDS if name in HouseholdForm.base_fields}
    return initial, [dependent_values(d) for d in household.dependents.all()]


def error_summary(*forms_and_sets) -> list[dict]:
    """Return every error with the id of the field it belongs to, for the summary at the top."""
    summary = []
    for item in forms_and_sets:
        if item is None:
            continue
        if hasattr(item, "forms"):  # a formset
            for message in item.non_form_errors():
                summary.append({"anchor": "dependents", "label": gettext("Dependents"), "message": message})
            for number, form in enumerate(item.forms, start=1):
                for name, errors in form.errors.items():
                    field = form.fields.get(name)
                    label = gettext("Dependent %(number)s: %(field)s") % {
                        "number": number,
                        "field": field.label if field else gettext("this dependent"),
                    }
                    anchor = form[name].auto_id if field else f"dependent-{number}"
                    summary.extend({"anchor": anchor, "label": label, "message": m} for m in errors)
            continue
        for name, errors in item.errors.items():
            field = item.fields.get(name)
            anchor = item[name].auto_id if field else "main"
            label = field.label if field else gettext("Form")
            summary.extend({"anchor": anchor, "label": label, "message": m} for m in errors)
    return summary
