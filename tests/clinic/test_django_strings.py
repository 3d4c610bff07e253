"""Django's own messages in Tagalog (issue 13): Django ships no Tagalog catalogue, so the project
keeps one (clinic/locale_django/tl) for every message of the Django modules a volunteer meets: form
and formset validation, the sign-in form and the password rules. The catalogue checks (complete, no
fuzzy entry, placeholders, msgfmt, compiled file, back-translation) are in test_translations.py."""

from __future__ import annotations

from pathlib import Path

import django
import polib
import pytest
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "clinic" / "locale_django" / "tl" / "LC_MESSAGES" / "django.po"
DJANGO = Path(django.__file__).resolve().parent
# Django's English catalogues, and the modules of each whose messages a volunteer can see.
MODULES = {
    DJANGO / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po": ("forms/", "core/validators.py"),
    DJANGO / "contrib" / "auth" / "locale" / "en" / "LC_MESSAGES" / "django.po": (
        "contrib/auth/forms.py", "contrib/auth/password_validation.py",
    ),
}


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def _django_messages() -> set[tuple[str | None, str]]:
    wanted = set()
    for path, modules in MODULES.items():
        for entry in polib.pofile(str(path)):
            if any(name.startswith(modules) for name, _line in entry.occurrences):
                wanted.add(_key(entry))
    return wanted


def _tagalog(msgid: str) -> str:
    return polib.pofile(str(CATALOGUE)).find(msgid).msgstr


def test_the_catalogue_holds_every_message_of_those_modules_and_nothing_else():
    """A Django upgrade that adds or rewords a message of these modules fails here, so it is
    translated before a Tagalog-speaking volunteer sees it in English."""
    ours = {_key(e) for e in polib.pofile(str(CATALOGUE)) if not e.obsolete}
    wanted = _django_messages()
    assert sorted(wanted - ours, key=str) == [], "translate these into clinic/locale_django/tl"
    assert sorted(ours - wanted, key=str) == [], "Django no longer has these messages"


def _errors(field: forms.Field, value: str) -> list[str]:
    """The field's messages for ``value``, turned into text while Tagalog is active (they are lazy)."""
    with translation.override("tl"):
        with pytest.raises(ValidationError) as raised:
            field.clean(value)
        return [str(message) for message in raised.value.messages]


def test_form_errors_are_in_tagalog():
    required = _errors(forms.CharField(), "")
    assert required == [_tagalog("This field is required.")]
    assert required != ["This field is required."]
    assert _errors(forms.IntegerField(), "dalawa") == [_tagalog("Enter a whole number.")]
    assert _errors(forms.ChoiceField(choices=[("a", "A")]), "b") == [
        _tagalog("Select a valid choice. %(value)s is not one of the available choices.") % {"value": "b"}
    ]


def test_the_password_rules_are_in_tagalog():
    with translation.override("tl"), pytest.raises(ValidationError) as short:
        validate_password("a1b2")
    with translation.override("tl"):
        messages = [str(message) for message in short.value.messages]
    entry = polib.pofile(str(CATALOGUE)).find("This password is too short. It must contain at least %d character.")
    assert any(message.startswith(entry.msgstr_plural[1].split("%")[0]) for message in messages), messages
    assert not any("too short" in message for message in messages)


@pytest.mark.django_db
def test_a_wrong_password_is_explained_in_tagalog_on_the_sign_in_page(client, django_user_model):
    django_user_model.objects.create_user(username="tala", password="correct-horse-battery-staple")
    client.cookies["django_language"] = "tl"
    response = client.post(reverse("login"), {"username": "tala", "password": "wrong"}, REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 200
    html = response.content.decode()
    english = "Please enter a correct"
    tagalog = _tagalog("Please enter a correct %(username)s and password. Note that both fields may be "
                       "case-sensitive.").split("%(username)s")[0]
    assert english not in html
    assert tagalog.strip() and tagalog.strip() in html
