"""Fixture content and rendered PDFs shared by the counseling tests.

PDF renders cost 0.05–0.3 s each, so the handouts most tests read are rendered once per module
inside a transaction that is rolled back afterwards.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.db import transaction

FIXTURE_CONTENT = Path(__file__).resolve().parent / "content"


@pytest.fixture(autouse=True)
def handout_cache(settings, tmp_path):
    """Give each test its own empty file-based handout cache (the production backend)."""
    settings.CACHES = {
        **settings.CACHES,
        "handouts": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "handout-cache"),
        },
    }
    from django.core.cache import caches

    return caches["handouts"]


def use_fixture_content():
    """Replace whatever content the migrations loaded with the small test fixture content."""
    from counseling.loader import content_load
    from counseling.models import CourtOrder, HandoutVersion, Topic

    HandoutVersion.objects.all().delete()
    Topic.objects.all().delete()
    CourtOrder.objects.all().delete()
    return content_load(content_dir=FIXTURE_CONTENT)


@pytest.fixture
def content(db):
    use_fixture_content()


def pdf_text(content: bytes) -> list[str]:
    """Return the extracted text of each page."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


def pdf_fonts(content: bytes) -> list[dict]:
    """Return, per font used in the PDF, its name and whether a font program is embedded."""
    from pypdf import PdfReader

    fonts = {}
    for page in PdfReader(io.BytesIO(content)).pages:
        resources = page.get("/Resources") or {}
        for _name, ref in (resources.get("/Font") or {}).items():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = (target.get("/FontDescriptor") or {}).get_object() if target.get("/FontDescriptor") else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = {"name": str(font.get("/BaseFont")), "embedded": embedded}
    return list(fonts.values())


@pytest.fixture(scope="module")
def fixture_pdfs(django_db_setup, django_db_blocker):
    """Render every fixture handout once (site A footer), then roll the database back."""
    from clinic.models import Site
    from counseling.handouts import render_handout
    from counseling.models import HandoutVersion

    pdfs = {}
    with django_db_blocker.unblock(), transaction.atomic():
        use_fixture_content()
        site = Site.objects.create(slug="pdf-site", name="Site A Test Clinic", phone="(555) 010-0001")
        for version in HandoutVersion.objects.select_related("topic"):
            rendered = render_handout(topic=version.topic, language=version.language, site=site)
            pdfs[(version.topic.slug, version.language)] = rendered
        transaction.set_rollback(True)
    return pdfs
