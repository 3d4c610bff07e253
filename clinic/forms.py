"""Forms for the security pages: two-factor codes and typed confirmations."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class OTPCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a backup code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).lower()


class TypedConfirmationForm(forms.Form):
    """Ask the volunteer to type the visit code: a destructive action cannot be a single click."""

    confirmation = forms.CharField(label=_("Type the visit code to confirm"), max_length=16)

    def __init__(self, *args, expected: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected

    def clean_confirmation(self) -> str:
        typed = self.cleaned_data["confirmation"].strip().upper()
        if typed != self.expected.upper():
            raise forms.ValidationError(_("That is not this household's visit code."), code="mismatch")
        return typed
