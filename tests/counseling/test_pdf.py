from __future__ import annotations

import datetime as dt
import io
import re
import socket

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from clinic.models import Site
from counseling.handouts import date_words, render_handout, render_packet
from counseling.loader import CONTENT_DIR, read_handouts
from counseling.models import HandoutVersion
from counseling.pdf import ResourceRefused, html_to_pdf
from counseling.services import court_order_update, handout_publish
from tests.counseling.conftest import pdf_fonts, pdf_text

LETTER = (612, 792)


def flat(pages: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(pages))


# Key sentences and figures of each shipped handout; each figure comes from
# docs/legal-sources.md (section in the comment).
SHIPPED_EXPECTATIONS = {
    ("federal-credits", "en"): ["$2,200", "$1,700", "$500", "§24(h)(7)", "Public Law 119-21"],  # §1.1, §1.2
    ("federal-credits", "es"): ["$2,200", "$1,700", "$500", "§24(h)(7)", "Ley Pública 119-21"],
    ("california-credits", "en"): ["$1,189", "$32,901", "$27,425", "CalEITC", "Young Child"],  # §2.1, §2.2
    ("california-credits", "es"): ["$1,189", "$32,901", "$27,425", "CalEITC"],
    ("confidentiality", "en"): ["§7216", "§6103", "Tax privacy laws are strong, but they have limits."],  # §3
    ("confidentiality", "es"): ["§7216", "§6103", "Las leyes de privacidad de impuestos son fuertes"],
    ("court-orders", "en"): ["memorandum of understanding", "Kollar-Kotelly", "Talwani"],  # §4.2
    ("court-orders", "es"): ["memorando de entendimiento", "Kollar-Kotelly", "Talwani"],
    ("itin", "en"): ["§6109", "Form W-7", "does not give you permission to work"],  # §1.2
    ("itin", "es"): ["§6109", "W-7", "le da permiso para trabajar"],
    # "Not legal advice" is printed once per page, in the footer (checked on every page below).
    ("filing-decision", "en"): ["Talk to an immigration attorney before you file", "immigration attorney"],  # §5
    ("filing-decision", "es"): ["No es asesoría legal.", "abogado de inmigración"],
    ("refunds-and-banking", "en"): ["CP53E", "30 days", "September 30, 2025", "1%"],  # §4A.1, §4A.2, §1.4
    ("refunds-and-banking", "es"): ["CP53E", "30 días", "30 de septiembre de 2025", "1%"],
    ("late-returns", "en"): ["$32,901", "$1,189", "$2,200", "$16,100", "last year"],  # §1.1, §1.4, §1A.1, §2
    ("late-returns", "es"): ["$32,901", "$1,189", "$2,200", "$16,100", "último año"],
}
# Older tax years kept for late returns: (slug, tax year, language).
OLDER_YEAR_EXPECTATIONS = {
    ("federal-credits", 2025, "en"): ["$649", "$4,328", "$7,152", "$8,046", "$15,750", "2025"],  # §1.3, §1.4
    ("federal-credits", 2025, "es"): ["$649", "$4,328", "$7,152", "$8,046", "$15,750", "2025"],
}
# The current season's federal amounts (§1A.1, §1A.4).
CURRENT_FEDERAL = ["$664", "$4,427", "$7,316", "$8,231", "$16,100", "$24,150", "$32,200"]


@pytest.fixture(scope="module")
def shipped_pdfs(django_db_setup, django_db_blocker):
    """Render every shipped handout once (loaded by the data migration), with site A's footer."""
    # The shipped handouts are the project's own: if they stop loading, these tests fail, not skip.
    assert read_handouts(CONTENT_DIR), f"no shipped handouts found in {CONTENT_DIR}"
    pdfs = {}
    with django_db_blocker.unblock(), transaction.atomic():
        site = Site.objects.create(slug="shipped-site", name="Site A Test Clinic", phone="(555) 010-0001")
        site.referrals.create(kind="legal", name="Legal Aid Test", phone="(555) 010-0300",
                              translations={"es": {"name": "Ayuda Legal de Prueba"}})
        for version in HandoutVersion.objects.filter(status="published").select_related("topic"):
            rendered = render_handout(
                topic=version.topic, language=version.language, site=site, version=version,
                now=timezone.make_aware(dt.datetime(2026, 12, 3)),
            )
            pdfs[(version.topic.slug, version.tax_year, version.language)] = rendered
        for slug, language in {(slug, language) for slug, _year, language in list(pdfs)}:
            pdfs[(slug, language)] = render_handout(
                topic=slug, language=language, site=site, now=timezone.make_aware(dt.datetime(2026, 12, 3))
            )
        transaction.set_rollback(True)
    return pdfs


@pytest.mark.parametrize("key", sorted(SHIPPED_EXPECTATIONS))
def test_each_shipped_handout_holds_its_key_sentences_and_figures(shipped_pdfs, key):
    text = flat(pdf_text(shipped_pdfs[key].content))
    for expected in SHIPPED_EXPECTATIONS[key]:
        assert expected in text, (key, expected)


def _language_neutral(expected: list[str]) -> list[str]:
    """The English expectations every translation prints as they are: amounts, sections, forms, notices."""
    return [item for item in expected if re.fullmatch(r"\$[\d,]+|§[\d\w()]+|\d+%|CP53E|20\d\d", item)]


# The other languages: the same figures as the English (their sentences are checked through their
# back-translations in test_content_quality.py).
TRANSLATED_LANGUAGES = [code for code, _name in settings.HANDOUT_LANGUAGES if code not in ("en", "es")]
TRANSLATED_EXPECTATIONS = {
    (slug, language): _language_neutral(expected)
    for (slug, english), expected in SHIPPED_EXPECTATIONS.items()
    if english == "en"
    for language in TRANSLATED_LANGUAGES
} | {
    (slug, year, language): _language_neutral(expected)
    for (slug, year, english), expected in OLDER_YEAR_EXPECTATIONS.items()
    if english == "en"
    for language in TRANSLATED_LANGUAGES
}


@pytest.mark.parametrize("key", sorted(TRANSLATED_EXPECTATIONS, key=str), ids=str)
def test_each_translated_handout_prints_the_english_figures(shipped_pdfs, key):
    text = flat(pdf_text(shipped_pdfs[key].content))
    assert [expected for expected in TRANSLATED_EXPECTATIONS[key] if expected not in text] == [], key


def test_every_shipped_topic_and_language_is_checked(shipped_pdfs):
    assert {key for key in shipped_pdfs if len(key) == 2} == set(SHIPPED_EXPECTATIONS) | {
        key for key in TRANSLATED_EXPECTATIONS if len(key) == 2
    }
    newest = {}
    for slug, year, language in (key for key in shipped_pdfs if len(key) == 3):
        newest[(slug, language)] = max(newest.get((slug, language), 0), year or 0)
    older = {key for key in shipped_pdfs if len(key) == 3 and (key[1] or 0) < newest[(key[0], key[2])]}
    assert older == set(OLDER_YEAR_EXPECTATIONS) | {key for key in TRANSLATED_EXPECTATIONS if len(key) == 3}


@pytest.mark.parametrize("key", sorted(OLDER_YEAR_EXPECTATIONS))
def test_an_older_tax_year_prints_its_own_amounts(shipped_pdfs, key):
    text = flat(pdf_text(shipped_pdfs[key].content))
    for expected in OLDER_YEAR_EXPECTATIONS[key]:
        assert expected in text, (key, expected)
    assert not any(amount in text for amount in CURRENT_FEDERAL[:4]), key


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_newest_tax_year_prints_by_default(shipped_pdfs, language):
    text = flat(pdf_text(shipped_pdfs[("federal-credits", language)].content))
    assert all(amount in text for amount in CURRENT_FEDERAL), language


def test_every_shipped_page_is_letter_with_the_footer_and_embedded_fonts(shipped_pdfs):
    for key, rendered in shipped_pdfs.items():
        reader = PdfReader(io.BytesIO(rendered.content))
        language = key[-1]
        for number, page in enumerate(reader.pages, start=1):
            assert tuple(round(float(v)) for v in page.mediabox[2:]) == LETTER
            text = flat([page.extract_text()])
            with translation.override(language):
                assert text.count(gettext("Not legal advice.")) == 1, (key, number)
                as_of = gettext("As of %(date)s") % {"date": date_words(dt.date(2026, 12, 2))}
                assert as_of in text, (key, number)
            assert "Site A Test Clinic · (555) 010-0001" in text, (key, number)
            assert f"{number} / {len(reader.pages)}" in text
        assert all(font["embedded"] for font in pdf_fonts(rendered.content)), key


def test_the_court_orders_handout_prints_the_register_after_its_body(shipped_pdfs):
    text = flat(pdf_text(shipped_pdfs[("court-orders", "es")].content))
    assert text.index("memorando de entendimiento") < text.index("Una corte federal en Washington, D.C. se negó")
    assert "Community Economic Development Center" in text


def test_fixture_handouts_hold_their_text_in_each_language(fixture_pdfs):
    assert "Your ITIN expires if you do not use it" in flat(pdf_text(fixture_pdfs[("itin", "en")].content))
    assert "3 años seguidos" in flat(pdf_text(fixture_pdfs[("itin", "es")].content))


@pytest.mark.parametrize(
    ("language", "phrase"),
    [
        ("zh-hans", "如果连续三年没有使用"),
        ("ko", "3년 동안 사용하지 않으면"),
        ("vi", "Mã số của bạn sẽ hết hạn"),
    ],
)
def test_non_latin_handouts_have_real_glyphs_and_embedded_fonts(fixture_pdfs, language, phrase):
    rendered = fixture_pdfs[("itin", language)]
    assert phrase in flat(pdf_text(rendered.content))
    fonts = pdf_fonts(rendered.content)
    assert fonts and all(font["embedded"] for font in fonts)
    if language in ("zh-hans", "ko"):
        assert any("CJK" in font["name"] for font in fonts)


def test_the_body_is_sanitised_in_the_pdf(fixture_pdfs):
    text = flat(pdf_text(fixture_pdfs[("itin", "en")].content))
    assert "alert(1)" not in text
    assert "Renew with Form W-7." in text


def test_sources_are_listed_with_their_official_address(fixture_pdfs):
    text = flat(pdf_text(fixture_pdfs[("itin", "en")].content))
    assert "IRC §6109(i)(3)" in text
    assert "https://www.law.cornell.edu/uscode/text/26/6109" in text


@pytest.mark.django_db
def test_the_out_of_date_band_appears_once_the_clock_passes_review_by(content, site_a, monkeypatch):
    version = HandoutVersion.objects.get(topic__slug="itin", language="en")
    before = timezone.make_aware(dt.datetime.combine(version.review_by, dt.time(12)))
    fresh = flat(pdf_text(render_handout(topic="itin", language="en", site=site_a, now=before).content))
    assert "May be out of date" not in fresh

    monkeypatch.setattr("clinic.clock.now", lambda: before + dt.timedelta(days=1))
    pages = pdf_text(render_handout(topic="itin", language="en", site=site_a).content)
    assert all("May be out of date — ask the site coordinator" in flat([page]) for page in pages)


@pytest.mark.django_db
def test_the_court_orders_handout_changes_when_the_register_changes(content, site_a):
    before = flat(pdf_text(render_handout(topic="court-orders", language="es", site=site_a).content))
    assert "Una jueza de Boston ordenó" in before
    court_order_update(
        key="talwani-2026-02-05",
        status="reversed",
        status_certain=True,
        summaries={"es": "Un tribunal de apelaciones anuló esta orden."},
    )
    after = flat(pdf_text(render_handout(topic="court-orders", language="es", site=site_a).content))
    assert "Una jueza de Boston ordenó" not in after
    assert "Un tribunal de apelaciones anuló esta orden." in after
    with translation.override("es"):
        assert gettext("Reversed") in after


@pytest.mark.django_db
def test_a_generic_handout_holds_no_client_data(content, site_a, volunteer_a):
    from intake.services import household_open

    household = household_open(
        site=site_a,
        user=volunteer_a,
        values={
            "filing_status": "single",
            "taxpayer_id_type": "itin",
            "taxpayer_age": 34,
            "wages": 18123,
            "nickname": "Zorblax",
            "notes": "Plutonian",
        },
    )
    text = flat(pdf_text(render_handout(topic="itin", language="en", site=site_a).content))
    for planted in ("Zorblax", "Plutonian", household.code, "18,123", "18123"):
        assert planted not in text


@pytest.mark.django_db
def test_a_new_version_prints_and_the_old_version_still_prints(content, site_a, editor_a):
    old = HandoutVersion.objects.get(topic__slug="itin", language="en")
    new = handout_publish(
        topic=old.topic,
        language="en",
        title=old.title,
        body_markdown="Your ITIN expires after **three** unused years.",
        as_of=old.as_of,
        review_by=old.review_by,
        reviewer="Editor A",
        sources=old.sources,
        user=editor_a,
    )
    assert new.version == old.version + 1
    latest = render_handout(topic="itin", language="en", site=site_a)
    assert latest.filename == "itin-en-v2.pdf"
    assert "three unused years" in flat(pdf_text(latest.content))
    previous = render_handout(topic="itin", language="en", site=site_a, version=1)
    assert "3 years in a row" in flat(pdf_text(previous.content))
    assert "Version 1" in flat(pdf_text(previous.content))


@pytest.mark.django_db
def test_a_packet_holds_every_copy_in_order(content, site_a):
    one = len(PdfReader(io.BytesIO(render_handout(topic="itin", language="en", site=site_a).content)).pages)
    courts = len(PdfReader(io.BytesIO(render_handout(topic="court-orders", language="es", site=site_a).content)).pages)
    packet = render_packet(items=[("itin", "en", 2), ("court-orders", "es", 3), ("itin", "ko", 0)], site=site_a)
    pages = pdf_text(packet.content)
    assert len(pages) == 2 * one + 3 * courts
    assert "Your ITIN: renewing it" in pages[0]
    assert "Órdenes judiciales" in flat([pages[-1]])


@pytest.mark.django_db
def test_without_a_site_the_footer_is_neutral(content):
    text = flat(pdf_text(render_handout(topic="itin", language="en", site=None).content))
    assert "Your free tax clinic" in text
    assert "(555)" not in text


def _no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a handout render tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/static/counseling/handout.css",
        "file:///etc/passwd",
        "https://confianza.invalid/static/../../clinic/settings.py",
        "https://confianza.invalid/media/anything.png",
    ],
)
def test_the_fetcher_refuses_anything_but_our_static_files(monkeypatch, url):
    _no_network(monkeypatch)
    with pytest.raises(ResourceRefused):
        html_to_pdf(f'<html><body><p>x</p><img src="{url}"></body></html>')


def test_the_fetcher_serves_our_own_stylesheet(monkeypatch):
    _no_network(monkeypatch)
    content = html_to_pdf('<html><head><link rel="stylesheet" href="/static/counseling/handout.css"></head><body><p>x</p></body></html>')
    page = PdfReader(io.BytesIO(content)).pages[0]
    assert tuple(round(float(v)) for v in page.mediabox[2:]) == LETTER  # @page size came from the CSS
