"""Forms for printing packets and client summaries."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clinic.languages import LanguageChoiceField, normalize_language

MAX_COPIES = 50
MAX_PACKET_HANDOUTS = 300


class ClientSummaryForm(forms.Form):
    language = LanguageChoiceField(label=_("Client's language"), choices=())
    include_nickname = forms.BooleanField(
        label=_("Print the nickname on the summary"),
        required=False,
        help_text=_("Only if the client asks for it. The summary never shows a full name or an ID type."),
    )

    # The submit button that asks for the summary followed by the handouts the household needs.
    EVERYTHING = "everything"

    def __init__(self, *args, client_language: str | None = None, nickname: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not nickname:
            # An anonymous screening has no nickname to print.
            del self.fields["include_nickname"]
        # The summary is built from the message catalogue (credit reasons, next steps), so it can only
        # be printed in a language the catalogue covers; handouts themselves exist in more.
        translated = {code for code, _name in settings.LANGUAGES}
        self.fields["language"].choices = [
            (code, name) for code, name in settings.HANDOUT_LANGUAGES if code in translated
        ]
        self.initial.setdefault(
            "language", normalize_language(client_language, translated) or settings.LANGUAGE_CODE
        )
        self.fields["language"].widget.attrs.setdefault("class", "form-select")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Print summary")))
        self.helper.add_input(
            Submit(self.EVERYTHING, _("Print everything for this client"), css_class="btn-outline-primary")
        )

    def wants_everything(self) -> bool:
        """Return whether the volunteer asked for the summary and the handouts in one PDF."""
        return self.add_prefix(self.EVERYTHING) in (self.data or {})


class PacketForm(forms.Form):
    """One number of copies per available (topic, language); at least one must be above zero."""

    def __init__(self, *args, available: list[tuple[str, str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.available = available
        for slug, language, label in available:
            self.fields[self.field_name(slug, language)] = forms.IntegerField(
                label=label, min_value=0, max_value=MAX_COPIES, required=False, initial=0
            )

    @staticmethod
    def field_name(slug: str, language: str) -> str:
        return f"copies__{slug}__{language}"

    def clean(self):
        cleaned = super().clean()
        total = sum(cleaned.get(self.field_name(s, lang)) or 0 for s, lang, _label in self.available)
        if total == 0:
            raise forms.ValidationError(_("Choose at least one copy of one handout."), code="empty")
        if total > MAX_PACKET_HANDOUTS:
            raise forms.ValidationError(
                _("A packet holds at most %(max)s handouts.") % {"max": MAX_PACKET_HANDOUTS}, code="too_many"
            )
        return cleaned

    def items(self) -> list[tuple[str, str, int]]:
        return [
            (slug, language, self.cleaned_data.get(self.field_name(slug, language)) or 0)
            for slug, language, _label in self.available
            if self.cleaned_data.get(self.field_name(slug, language))
        ]
