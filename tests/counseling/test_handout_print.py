"""Every shipped handout as printed: one sheet, where to go in the reader's language, charts that
read in black and white with labels that fit, and stale court news never handed to a client."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from clinic.models import Site
from counseling import figures
from counseling.handouts import render_handout
from counseling.models import HandoutVersion
from counseling.pdf import html_to_pdf
from tests.counseling.conftest import pdf_text

LANGUAGES = ("en", "es")
NOW = timezone.make_aware(dt.datetime(2026, 12, 3))


def _every_published_version(site) -> dict:
    """Each published version printed for ``site``: {(topic, tax year, language): PDF bytes}."""
    return {
        (version.topic.slug, version.tax_year, version.language): render_handout(
            topic=version.topic, language=version.language, site=site, version=version, now=NOW
        ).content
        for version in HandoutVersion.objects.filter(status="published").select_related("topic")
    }


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker):
    """Render every shipped version with a site that has a referral list in English and Spanish."""
    with django_db_blocker.unblock(), transaction.atomic():
        site = Site.objects.create(
            slug="print-site", name="Print Test Clinic", phone="(555) 010-0400", hours="Sat 9 am–1 pm",
            hours_translations={"es": "sáb. de 9 a. m. a 1 p. m."},
        )
        site.referrals.create(kind="legal", name="Legal Aid Test", phone="(555) 010-0401",
                              translations={"es": {"name": "Ayuda Legal de Prueba"}})
        site.referrals.create(kind="w7", name="W-7 Desk Test", phone="(555) 010-0402")
        pdfs = _every_published_version(site)
        transaction.set_rollback(True)
    if not pdfs:
        pytest.skip("no shipped content loaded")
    return pdfs


@pytest.fixture(scope="module")
def printed_for_the_demo_site(django_db_setup, django_db_blocker):
    """Every shipped version with the demo site: hours and four referrals with their own hours and
    notes, a longer "where to go" than most sites will have."""
    from clinic.demo import demo_site

    with django_db_blocker.unblock(), transaction.atomic():
        site = demo_site()
        assert site.referrals.count() >= 4
        pdfs = _every_published_version(site)
        transaction.set_rollback(True)
    if not pdfs:
        pytest.skip("no shipped content loaded")
    return pdfs


def test_with_a_long_referral_list_every_handout_still_fits_one_sheet(printed_for_the_demo_site):
    pages = {key: len(PdfReader(io.BytesIO(pdf)).pages) for key, pdf in printed_for_the_demo_site.items()}
    assert {key: count for key, count in pages.items() if count > 2} == {}
    for key, pdf in printed_for_the_demo_site.items():
        last = pdf_text(pdf)[-1]
        with translation.override(key[-1]):
            heading = translation.gettext("Sources (for the volunteer)")
        before = last[: last.find(heading)] if heading in last else last
        assert len(before.split()) > 25 or len("".join(before.split())) > 80, key


def _text(content: bytes) -> str:
    return " ".join(" ".join(page.split()) for page in pdf_text(content))


def test_every_handout_fits_one_sheet_of_letter_paper_both_sides(printed):
    too_long = {key: len(PdfReader(io.BytesIO(pdf)).pages) for key, pdf in printed.items()}
    assert {key: pages for key, pages in too_long.items() if pages > 2} == {}


def test_the_last_page_is_never_only_sources(printed):
    for key, pdf in printed.items():
        last = pdf_text(pdf)[-1]
        with translation.override(key[-1]):
            heading = translation.gettext("Sources (for the volunteer)")
        sources_at = last.find(heading)
        body_before = last[: sources_at if sources_at >= 0 else len(last)]
        # 25 words; Chinese and Korean, written with few or no spaces, by characters.
        assert len(body_before.split()) > 25 or len("".join(body_before.split())) > 80, key


@pytest.mark.parametrize("language", LANGUAGES)
def test_where_to_go_prints_the_sites_list_and_hours_in_the_readers_language(printed, language):
    for key, pdf in printed.items():
        if key[-1] != language:
            continue
        text = _text(pdf)
        with translation.override(language):
            from django.utils.translation import gettext

            assert gettext("Where to go") in text, key
        if language == "es":
            assert "Ayuda Legal de Prueba" in text and "Legal Aid Test" not in text, key
            assert "sáb. de 9 a. m. a 1 p. m." in text and "Sat 9 am" not in text, key
        else:
            assert "Legal Aid Test" in text and "Sat 9 am–1 pm" in text, key
        assert "W-7 Desk Test" in text, key  # no Spanish given: the default text prints


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_are_in_the_readers_words(printed, language):
    words = {"en": "December 2, 2026", "es": "2 de diciembre de 2026"}[language]
    for key, pdf in printed.items():
        if key[-1] == language:
            text = _text(pdf)
            assert words in text, key
            assert "2026-12-02" not in text.split("(para el voluntario)")[0].split("(for the volunteer)")[0], key


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_court_orders_handout_is_honest_about_what_is_known(printed, language):
    text = _text(printed[("court-orders", None, language)])
    if language == "en":
        assert "Latest court news we found: July 2026." in text
        assert "Lets the IRS share addresses (appeals ruling on a temporary request; the case goes on)" in text
        assert "In force" not in text and "where things stand" not in text.lower()
    else:
        assert "Noticias más recientes de las cortes que encontramos: julio de 2026." in text
        assert "Corte federal de apelaciones del Circuito de D.C." in text
        assert "Corte federal de distrito en Boston (Massachusetts)" in text
        assert "U.S. District Court" not in text and "Confirmada" not in text and "situación actual" not in text
    # The same findings in every language (review defect 4): the 42,695 finding and the 47,289.
    assert "42,695" in text and "47,289" in text


def _chart_pdf(language: str, tax_year: int = 2026) -> tuple[bytes, str]:
    with translation.override(language):
        svg = figures.california_credits_chart(tax_year)
    width = int(svg.split('width="')[1].split('"')[0])
    height = int(svg.split('height="')[1].split('"')[0])
    html = (
        f'<html><head><style>@page {{ size: {width}px {height}px; margin: 0 }} body {{ margin: 0 }}'
        f' svg {{ display: block; font-family: "Noto Sans", sans-serif }}</style></head><body>{svg}</body></html>'
    )
    return html_to_pdf(html), svg


def test_the_charts_corner_is_labelled_once():
    """The two axes meet at $0: one label there, not "$0" twice side by side."""
    svg = _chart_pdf("en")[1]
    labels = [part.split("<")[0] for part in svg.split('text-anchor="')[1:]]
    assert [label.split(">", 1)[1] for label in labels].count("$0") == 1
    assert '>$2,000<' in svg and '>$10,000<' in svg  # the other ticks are still labelled


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_label_fits_the_drawing(language, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf, svg = _chart_pdf(language)
    path = tmp_path / "chart.pdf"
    path.write_bytes(pdf)
    bbox = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    page_width = float(bbox.split('<page width="')[1].split('"')[0])
    right_edges = [float(part.split('"')[0]) for part in bbox.split('xMax="')[1:]]
    assert right_edges and max(right_edges) <= page_width - 2, (language, max(right_edges), page_width)
    with translation.override(language):
        from django.utils.translation import gettext

        for label in ("CalEITC, 2 children", "CalEITC, 3 or more children"):
            words = gettext(label).split()
            assert all(word in bbox for word in words), (language, label)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_chart_series_differ_in_black_and_white(language, tmp_path):
    """Print the chart in greyscale and compare each legend swatch: pattern and darkness differ."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from PIL import Image

    pdf, svg = _chart_pdf(language)
    path = tmp_path / "chart.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-gray", "-r", "96", "-png", str(path), str(tmp_path / "grey")], check=True)  # noqa: S603,S607
    image = Image.open(next(tmp_path.glob("grey*.png"))).convert("L")
    scale = image.width / int(svg.split('width="')[1].split('"')[0])
    signatures = []
    for index in range(4):
        marker = f'class="swatch swatch-{index}" x1="'
        x1, y1, x2 = (float(v) for v in (
            svg.split(marker)[1].split('"')[0],
            svg.split(marker)[1].split('y1="')[1].split('"')[0],
            svg.split(marker)[1].split('x2="')[1].split('"')[0],
        ))
        row = [image.getpixel((int(x * scale), int(y1 * scale))) for x in range(int(x1), int(x2))]
        column = [image.getpixel((int((x1 + x2) / 2 * scale), int((y1 + dy) * scale))) for dy in range(-7, 8)]
        ink = tuple(value < 160 for value in row)
        signatures.append((ink, tuple(value < 160 for value in column), round(sum(row) / len(row) / 16)))
    assert len(set(signatures)) == 4, signatures


@pytest.mark.django_db
def test_a_stale_court_orders_handout_is_not_printed_for_clients(client, volunteer_a, coordinator_a, site_a, monkeypatch):
    from counseling.loader import content_load

    content_load()
    version = HandoutVersion.objects.filter(topic__slug="court-orders", language="es").order_by("-version").first()
    after = timezone.make_aware(dt.datetime.combine(version.review_by + dt.timedelta(days=1), dt.time(12)))
    monkeypatch.setattr("clinic.clock.now", lambda: after)
    client.force_login(volunteer_a)
    url = reverse("counseling:handout-pdf", kwargs={"topic": "court-orders", "language": "es"})
    for query in ("", "?confirm=1"):
        response = client.get(url + query)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
        page = response.content.decode()
        assert "Not printed for clients" in page and "coordinator-a" in page
    # Other topics keep the "may be out of date" band, after a confirmation.
    other = reverse("counseling:handout-pdf", kwargs={"topic": "itin", "language": "es"})
    itin = HandoutVersion.objects.filter(topic__slug="itin", language="es").first()
    later = timezone.make_aware(dt.datetime.combine(itin.review_by + dt.timedelta(days=1), dt.time(12)))
    monkeypatch.setattr("clinic.clock.now", lambda: later)
    client.force_login(volunteer_a)  # months later: a fresh sign-in
    assert client.get(other + "?confirm=1")["Content-Type"] == "application/pdf"
    # Coordinators see it at the top of their review list.
    monkeypatch.setattr("clinic.clock.now", lambda: after)
    client.force_login(coordinator_a)
    review = client.get(reverse("counseling:review-due")).content.decode()
    assert review.index("Not printed for clients until re-checked") < review.index(version.title)
