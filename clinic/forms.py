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
