"""Forms for site coordinators, two-factor codes and typed confirmations."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clinic.validators import reject_control_characters, reject_tin_shaped


class InviteForm(forms.Form):
    """Invite a volunteer: a username only. They choose their password through a one-time link."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[UnicodeUsernameValidator(), reject_tin_shaped, reject_control_characters],
        help_text=_("For signing in. A first name or initials is enough; no e-mail address is needed."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is already taken. Choose another."), code="taken")
        return username


class OTPCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a backup code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).lower()


class TypedConfirmationForm(forms.Form):
    """Ask the user to type a word (a visit code, a site's short name) before a destructive action,
    so that it can never be a single click."""

    confirmation = forms.CharField(label=_("Type the visit code to confirm"), max_length=60)

    def __init__(self, *args, expected: str, label=None, mismatch=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected
        self.mismatch = mismatch or _("That is not this household's visit code.")
        if label is not None:
            self.fields["confirmation"].label = label

    def clean_confirmation(self) -> str:
        typed = self.cleaned_data["confirmation"].strip().upper()
        if typed != self.expected.upper():
            raise forms.ValidationError(self.mismatch, code="mismatch")
        return typed


class ConfirmPasswordForm(forms.Form):
    """The password, typed again before a destructive action."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        error_messages={"wrong": _("That is not your password.")},
    )


class AuditFilterForm(forms.Form):
    """Narrow a site's audit log: what, who, when, which visit code (all optional, GET)."""

    action = forms.ChoiceField(label=_("What"), required=False)
    actor = forms.ChoiceField(label=_("Who"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2027-02-14.")},
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2027-02-14.")},
    )
    code = forms.CharField(
        label=_("Visit code"), required=False, max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, actions, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Any"))] + list(actions)
        self.fields["actor"].choices = [("", _("Anyone"))] + [(str(pk), name) for pk, name in actors]

    def clean_code(self) -> str:
        raw = "".join(ch for ch in self.cleaned_data.get("code", "").upper() if ch.isalnum())
        return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return cleaned


class SiteHoursForm(forms.Form):
    """The site's opening hours, as printed on handouts, with a version per language."""

    hours = forms.CharField(
        label=_("Opening hours (English)"),
        max_length=200,
        required=False,
        validators=[reject_tin_shaped, reject_control_characters],
        help_text=_("For example: Tue–Thu 5–8 pm, Sat 9 am–1 pm."),
    )

    def __init__(self, *args, languages: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = list(languages)
        for code, name in self.languages:
            self.fields[f"hours_{code}"] = forms.CharField(
                label=_("Opening hours (%(language)s)") % {"language": name},
                max_length=200,
                required=False,
                validators=[reject_tin_shaped, reject_control_characters],
            )

    def hours_translations(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"hours_{code}", "") for code, _name in self.languages}


class ReferralForm(forms.Form):
    """One line of the referral list. Leave the name empty to remove a line."""

    kind = forms.ChoiceField(label=_("Kind"), choices=())
    name = forms.CharField(label=_("Name"), max_length=120, required=False, validators=[reject_tin_shaped, reject_control_characters])
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False, validators=[reject_tin_shaped, reject_control_characters])
    hours = forms.CharField(label=_("Hours"), max_length=120, required=False, validators=[reject_tin_shaped, reject_control_characters])
    note = forms.CharField(label=_("Note"), max_length=200, required=False, validators=[reject_tin_shaped, reject_control_characters])

    def __init__(self, *args, languages: list[tuple[str, str]] = (), **kwargs):
        from clinic.models import Referral

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Referral.Kind.choices
        self.languages = list(languages)
        for code, name in self.languages:
            for field, label in (("name", _("Name")), ("hours", _("Hours")), ("note", _("Note"))):
                self.fields[f"{field}_{code}"] = forms.CharField(
                    label=_("%(field)s (%(language)s)") % {"field": label, "language": name},
                    max_length=self.fields[field].max_length,
                    required=False,
                    validators=[reject_tin_shaped, reject_control_characters],
                )

    def clean(self):
        data = super().clean()
        others = [data.get(name) for name in self.fields if name not in ("kind", "name") and data.get(name)]
        if not data.get("name") and others:
            raise ValidationError(_("Give this line a name, or empty it to remove it."), code="name_missing")
        return data

    def row(self) -> dict | None:
        """Return the line as the service takes it, or None for an empty line."""
        data = self.cleaned_data
        if not data.get("name"):
            return None
        return {
            "kind": data["kind"],
            "name": data["name"],
            "phone": data.get("phone", ""),
            "hours": data.get("hours", ""),
            "note": data.get("note", ""),
            "translations": {
                code: {field: data.get(f"{field}_{code}", "") for field in ("name", "hours", "note")}
                for code, _name in self.languages
            },
        }
