"""Language codes as people and browsers write them, and language names in their own script."""

from __future__ import annotations

import io
import json
import unicodedata

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from clinic.languages import (
    NATIVE_NAMES,
    LanguageChoiceField,
    bcp47,
    language_name,
    normalize_interface_language,
    normalize_language,
)
from tests.counseling.conftest import use_fixture_content
from tests.intake.households import household


@pytest.fixture
def content(db):
    use_fixture_content()


# (as written, the app's handout code or None)
CODES = [
    ("en", "en"),
    ("EN", "en"),
    ("en-US", "en"),
    ("en_GB", "en"),
    (" es ", "es"),
    ("es-MX", "es"),
    ("es_419", "es"),
    ("ES-us", "es"),
    ("zh-hans", "zh-hans"),
    ("zh-Hans", "zh-hans"),
    ("ZH-HANS", "zh-hans"),
    ("zh_Hans_CN", "zh-hans"),
    ("zh-CN", "zh-hans"),
    ("zh-SG", "zh-hans"),
    ("zh", "zh-hans"),
    ("cmn-Hans", "zh-hans"),
    ("zh-hant", "zh-hant"),
    ("zh-Hant", "zh-hant"),
    ("zh_Hant", "zh-hant"),
    ("zh-Hant-TW", "zh-hant"),
    ("zh-TW", "zh-hant"),
    ("zh-hk", "zh-hant"),
    ("zh-MO", "zh-hant"),
    ("zh-Hans-HK", "zh-hans"),  # an explicit script wins over the region
    ("yue", "zh-hant"),
    ("yue-Hans", "zh-hans"),
    ("vi", "vi"),
    ("vi-VN", "vi"),
    ("ko", "ko"),
    ("ko-KR", "ko"),
    ("ko_kr", "ko"),
    ("tl", "tl"),
    ("tl-PH", "tl"),
    ("fil", "tl"),
    ("fil-PH", "tl"),
    ("FIL", "tl"),
    # Not a handout language, or not a language code at all.
    ("fr", None),
    ("ja-JP", None),
    ("xx", None),
    ("", None),
    ("   ", None),
    ("-", None),
    ("zh--hant", None),
    ("e", None),
    ("es;q=0.9", None),
    ("../es", None),
    ("es\x00", None),
    ("z" * 200, None),
    (None, None),
    (42, None),
]


@pytest.mark.parametrize(("written", "expected"), CODES)
def test_codes_are_normalised_as_written_by_people_and_browsers(written, expected):
    assert normalize_language(written) == expected


def test_the_table_covers_every_handout_language():
    assert {code for _written, code in CODES if code} == {code for code, _name in settings.HANDOUT_LANGUAGES}


@pytest.mark.parametrize(
    ("written", "expected"),
    [("es-MX", "es"), ("EN", "en"), ("zh-Hans", "zh-hans"), ("zh_Hant", "zh-hant"), ("ko-KR", "ko"), ("tl", "tl"),
     ("fil-PH", "tl"), ("vi-VN", "vi"), ("fr", None), ("", None)],
)
def test_interface_codes_name_every_language_with_a_catalogue(written, expected):
    assert normalize_interface_language(written) == expected


@pytest.mark.parametrize(("written", "expected"), [("ko-KR", None), ("es-MX", "es")])
def test_a_language_without_a_catalogue_is_not_an_interface_language(settings, written, expected):
    settings.LANGUAGES = [("en", "English"), ("es", "Español")]
    assert normalize_interface_language(written) == expected


def test_a_code_is_only_accepted_from_the_list_given():
    assert normalize_language("zh-TW", ["zh-hans"]) is None
    assert normalize_language("zh-TW", ["zh-hant"]) == "zh-hant"


def test_every_language_is_named_in_its_own_script():
    scripts = {
        "zh-hans": "CJK UNIFIED",
        "zh-hant": "CJK UNIFIED",
        "ko": "HANGUL",
        "vi": "LATIN",
        "es": "LATIN",
        "en": "LATIN",
        "tl": "LATIN",
    }
    for code, name in settings.HANDOUT_LANGUAGES:
        assert name == NATIVE_NAMES[code] == language_name(code)
        letters = [ch for ch in name if ch.isalpha()]
        assert letters and all(unicodedata.name(ch).startswith(scripts[code]) for ch in letters), (code, name)
    assert dict(settings.HANDOUT_LANGUAGES)["zh-hans"] == "中文（简体）"
    assert dict(settings.HANDOUT_LANGUAGES)["zh-hant"] == "中文（繁體）"
    assert dict(settings.HANDOUT_LANGUAGES)["vi"] == "Tiếng Việt"
    assert dict(settings.LANGUAGES) == dict(settings.HANDOUT_LANGUAGES)  # every language is an interface one
    assert bcp47("zh-hant") == "zh-Hant" and bcp47("ko") == "ko"


def test_vietnamese_name_is_stored_precomposed():
    """NFC, so a search for "Tiếng Việt" and the PDF's text extraction both find it."""
    assert unicodedata.is_normalized("NFC", NATIVE_NAMES["vi"])


def test_the_form_field_cleans_a_code_as_written_to_the_apps_code():
    field = LanguageChoiceField(choices=settings.HANDOUT_LANGUAGES)
    assert field.clean("zh_Hant") == "zh-hant"
    assert field.clean("ko-KR") == "ko"
    assert field.clean("fil") == "tl"
    with pytest.raises(Exception, match="valid choice"):
        field.clean("klingon")
    narrow = LanguageChoiceField(choices=[("en", "English"), ("es", "Español")])
    with pytest.raises(Exception, match="valid choice"):
        narrow.clean("zh-Hans")


@pytest.mark.django_db
def test_the_language_picker_names_languages_in_their_own_script(client, volunteer_a):
    client.force_login(volunteer_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    html = client.get(reverse("intake:household-list")).content.decode()
    assert '<option value="en" lang="en">English</option>' in html
    assert '<option value="es" lang="es" selected>Español</option>' in html
    assert "Inglés" not in html  # the name is never translated into the interface language


@pytest.mark.django_db
@pytest.mark.parametrize(("posted", "cookie"), [("es-MX", "es"), ("ES", "es"), ("en_US", "en")])
def test_the_language_picker_accepts_a_code_as_written(client, posted, cookie):
    response = client.post(reverse("set_language"), {"language": posted, "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == cookie


@pytest.mark.django_db
@pytest.mark.parametrize("posted", ["klingon", "", "../../etc"])
def test_the_language_picker_ignores_a_language_it_cannot_show(client, posted):
    response = client.post(reverse("set_language"), {"language": posted, "next": "/"})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


@pytest.mark.django_db
@pytest.mark.parametrize(("written", "code"), [("ES", "es"), ("es-MX", "es"), ("en_US", "en")])
def test_the_summary_form_accepts_a_code_as_written(written, code):
    from counseling.forms import ClientSummaryForm

    form = ClientSummaryForm({"language": written})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["language"] == code


@pytest.mark.django_db
def test_the_summary_form_refuses_a_language_without_a_catalogue_in_the_users_language(settings):
    from django.utils import translation

    from counseling.forms import ClientSummaryForm

    settings.LANGUAGES = [("en", "English"), ("es", "Español")]
    with translation.override("es"):
        form = ClientSummaryForm({"language": "zh-Hans"})
        assert not form.is_valid()
        assert "Escoja una opción válida" in str(form.errors["language"])


def test_the_summary_form_starts_from_the_clients_language_as_stored():
    from counseling.forms import ClientSummaryForm

    assert ClientSummaryForm(client_language="ES").initial["language"] == "es"
    assert ClientSummaryForm(client_language="ko-KR").initial["language"] == "ko"
    assert ClientSummaryForm(client_language="fr").initial["language"] == settings.LANGUAGE_CODE


@pytest.mark.parametrize(
    ("written", "code"), [("zh-Hans", "zh-hans"), ("zh_Hant", "zh-hant"), ("ko-KR", "ko")]
)
def test_the_household_form_accepts_a_handout_language_as_written(written, code):
    from intake.forms import HouseholdForm

    field = HouseholdForm().fields["language"]
    assert field.clean(written) == code


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["zh-Hans", "ZH_HANS", "zh-CN"])
def test_the_handout_command_accepts_a_code_as_written(content, tmp_path, written):
    output = tmp_path / "itin.pdf"
    call_command("handout", "--topic", "itin", "--language", written, "--output", str(output))
    assert output.read_bytes().startswith(b"%PDF")


@pytest.mark.django_db
def test_the_handout_command_names_the_codes_it_knows(content, tmp_path):
    with pytest.raises(
        CommandError, match=r"unknown language 'ja-JP'; choose one of: en, es, zh-hans"
    ) as caught:
        call_command("handout", "--topic", "itin", "--language", "ja-JP", "--output", str(tmp_path / "x.pdf"))
    assert caught.value.returncode == 2


def _screen(tmp_path, *args):
    target = tmp_path / "households.json"
    target.write_text(json.dumps(household(id="A1", wages=8490)), encoding="utf-8")
    out = io.StringIO()
    call_command("screen", str(target), *args, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def test_screen_renders_messages_in_the_language_asked_for_as_written(tmp_path):
    english = _screen(tmp_path)[0]["credits"]["federal_eitc"]["reasons"]
    spanish = _screen(tmp_path, "--language", "es-MX")[0]["credits"]["federal_eitc"]["reasons"]
    assert [r["code"] for r in english] == [r["code"] for r in spanish]
    assert english != spanish
    assert any("Crédito" in r["message"] or "ingreso" in r["message"] for r in spanish)


@pytest.mark.parametrize("written", ["fr", "klingon"])
def test_screen_refuses_a_language_without_a_catalogue(tmp_path, written):
    with pytest.raises(
        CommandError, match=f"unknown language '{written}' for messages; choose one of: en, es, zh-hans, zh-hant, vi, ko, tl"
    ) as caught:
        _screen(tmp_path, "--language", written)
    assert caught.value.returncode == 2


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["zh-Hans", "ZH_hans", "zh-CN"])
def test_a_handout_url_with_a_code_as_written_redirects_to_its_one_url(client, content, volunteer_a, written):
    client.force_login(volunteer_a)
    url = reverse("counseling:handout-pdf", kwargs={"topic": "itin", "language": written})
    response = client.get(url + "?confirm=1")
    canonical = reverse("counseling:handout-pdf", kwargs={"topic": "itin", "language": "zh-hans"})
    assert response.status_code == 302
    assert response["Location"] == canonical + "?confirm=1"
    printed = client.get(response["Location"])
    assert printed["Content-Type"] == "application/pdf"


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["xx", "ja-JP", "zh--hant"])
def test_a_handout_url_in_a_language_we_do_not_print_is_not_found(client, content, volunteer_a, written):
    client.force_login(volunteer_a)
    response = client.get(reverse("counseling:handout-pdf", kwargs={"topic": "itin", "language": written}))
    assert response.status_code == 404
