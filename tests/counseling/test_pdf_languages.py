"""Each handout language prints in its own font: the document's ``lang`` picks the Noto CJK face with
that region's glyph forms (Simplified Chinese, Traditional Chinese, Korean), Vietnamese keeps its
stacked diacritics, every font is embedded, and the extracted text is the text we wrote.

The sample texts use the glossary's terms (clinic/glossary.toml); they stand in for the handouts
that do not exist yet in these languages. Set CONFIANZA_PDF_PNG_DIR to also write page 1 of each as
a PNG (pdftoppm) to look at.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.counseling.conftest import pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db

# Characters whose standard glyph differs between the regional CJK faces (骨, 直, 今, 角 …).
SAMPLES = {
    "zh-hans": (
        "个人报税识别号码 (ITIN)",
        "如果连续三年没有使用个人报税识别号码 (ITIN)，它就会过期。子女税务优惠、退税、报税表。骨 直 今 角 户",
    ),
    "zh-hant": (
        "個人報稅識別號碼 (ITIN)",
        "如果連續三年沒有使用個人報稅識別號碼 (ITIN)，它就會過期。子女稅務優惠、退稅、報稅表。骨 直 今 角 戶",
    ),
    "ko": (
        "개인 납세자 식별번호 (ITIN)",
        "개인 납세자 식별번호(ITIN)를 3년 연속 사용하지 않으면 만료됩니다. 자녀 세액공제, 환급, 세금 신고서.",
    ),
    "vi": (
        "Số Nhận Dạng Cá Nhân Đóng Thuế (ITIN)",
        "Nếu quý vị không sử dụng Số Nhận Dạng Cá Nhân Đóng Thuế (ITIN) trong ba năm liên tiếp, số này sẽ hết hạn. "
        "Tín Thuế Trẻ Em, tờ khai thuế, tiền hoàn thuế: ệ ở ữ ặ ỗ ậ ẫ ằ ẳ ố ừ ợ.",
    ),
    "tl": (
        "Ang inyong ITIN",
        "Mawawalan ng bisa ang ITIN kung hindi ito nagamit sa tax return nang tatlong magkakasunod na taon.",
    ),
}
# The embedded font family each language must use (WeasyPrint names an embedded font after its
# family, "Noto-Sans-CJK-TC-Bold", after a subset tag).
FACES = {
    "zh-hans": "Noto-Sans-CJK-SC",
    "zh-hant": "Noto-Sans-CJK-TC",
    "ko": "Noto-Sans-CJK-KR",
    "vi": "Noto-Sans",
    "tl": "Noto-Sans",
}
STYLES = ("", "-Regular", "-Bold", "-Italic", "-Bold-Italic", "-BoldItalic", "-Oblique", "-Bold-Oblique")  # oblique: a face with no italic, slanted


def _family(base_font: str) -> str:
    """Return a PDF BaseFont name without its subset tag ("ABCDEF+Noto-Sans-CJK-SC")."""
    name = base_font.lstrip("/")
    return name.split("+", 1)[1] if "+" in name[:7] else name


def _is_face(family: str, face: str) -> bool:
    return any(family == face + style for style in STYLES)


@pytest.fixture(scope="module")
def language_pdfs(django_db_setup, django_db_blocker):
    """Render one handout per sample language through the real handout template and stylesheet."""
    from django.db import transaction

    from counseling.handouts import render_handout
    from counseling.models import HandoutVersion, Topic

    pdfs = {}
    with django_db_blocker.unblock(), transaction.atomic():
        topic = Topic.objects.create(slug="glyph-check", order=99, titles={"en": "Glyph check"})
        for language, (title, text) in SAMPLES.items():
            version = HandoutVersion.objects.create(
                topic=topic,
                language=language,
                version=1,
                title=title,
                summary=text[:60],
                body_markdown=f"## {title}\n\n{text}\n\n- {text}\n\n**{title}**",
                as_of=dt.date(2026, 11, 21),
                review_by=dt.date(2027, 1, 20),
                reviewer="test",
                status=HandoutVersion.Status.PUBLISHED,
            )
            pdfs[language] = render_handout(
                topic=topic, language=language, site=None, version=version
            ).content
        transaction.set_rollback(True)
    return pdfs


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_each_language_prints_in_its_own_embedded_face(language_pdfs, language):
    fonts = pdf_fonts(language_pdfs[language])
    families = {_family(font["name"]) for font in fonts}
    assert fonts and all(font["embedded"] for font in fonts), fonts
    # Every glyph comes from the language's own face: no other region's CJK face, no fallback font.
    assert all(_is_face(family, FACES[language]) for family in families), families
    assert any(_is_face(family, FACES[language]) for family in families), families


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_each_language_extracts_as_the_text_written(language_pdfs, language):
    """Every character came out of a real glyph with a Unicode mapping: no boxes, no lost accents."""
    title, text = SAMPLES[language]
    extracted = unicodedata.normalize("NFC", " ".join(pdf_text(language_pdfs[language])))
    flat = " ".join(extracted.split())
    assert title in flat
    first_sentence = text.split("。")[0].split(". ")[0]
    assert " ".join(first_sentence.split()) in flat
    assert "\ufffd" not in extracted


def test_vietnamese_written_decomposed_still_prints_stacked_diacritics(django_db_setup, django_db_blocker):
    """Text pasted with combining marks (NFD) must come out with the same letters as NFC text."""
    from django.db import transaction

    from counseling.handouts import render_handout
    from counseling.models import HandoutVersion, Topic

    words = "Tiếng Việt: hết hạn, tờ khai thuế, ệ ở ữ ặ ỗ"
    with django_db_blocker.unblock(), transaction.atomic():
        topic = Topic.objects.create(slug="glyph-check-nfd", order=99, titles={"en": "NFD"})
        version = HandoutVersion.objects.create(
            topic=topic,
            language="vi",
            version=1,
            title="NFD",
            body_markdown=unicodedata.normalize("NFD", words),
            as_of=dt.date(2026, 11, 21),
            review_by=dt.date(2027, 1, 20),
            reviewer="test",
            status=HandoutVersion.Status.PUBLISHED,
        )
        content = render_handout(topic=topic, language="vi", site=None, version=version).content
        transaction.set_rollback(True)
    extracted = unicodedata.normalize("NFC", " ".join(pdf_text(content)))
    assert words in " ".join(extracted.split())
    assert all(_is_face(_family(font["name"]), "Noto-Sans") for font in pdf_fonts(content))


def test_page_images_when_asked(language_pdfs, tmp_path):
    """Write page 1 of each language as PNG where CONFIANZA_PDF_PNG_DIR says, for a person to look at."""
    target = os.environ.get("CONFIANZA_PDF_PNG_DIR")
    if not target:
        pytest.skip("set CONFIANZA_PDF_PNG_DIR to write page images")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    for language, content in language_pdfs.items():
        pdf = tmp_path / f"{language}.pdf"
        pdf.write_bytes(content)
        args = ["-png", "-r", "110", "-f", "1", "-l", "1", str(pdf), str(out / f"glyphs-{language}")]
        subprocess.run([pdftoppm, *args], check=True)  # noqa: S603 - a fixed tool on our own file
    assert sorted(p.name for p in out.glob("glyphs-*.png"))


def test_korean_lines_break_between_words_never_inside_one():
    """Korean wraps at spaces (keep-all); Pango alone would split 청소년 into 청소 / 년."""
    from counseling.pdf import html_to_pdf, keep_korean_words

    sentence = "캘리포니아 세액공제: CalEITC 세액공제, 어린 자녀 세액공제, 위탁 청소년 세액공제 " * 4
    html = (
        '<html lang="ko"><head><style>.ko-word { white-space: nowrap }</style></head>'
        f'<body style="font-family: \'Noto Sans CJK KR\'; width: 8cm"><p>{sentence}</p>'
        '<svg width="40" height="20"><text x="0" y="15">세액공제</text></svg></body></html>'
    )
    lines = [line.split() for line in pdf_text(html_to_pdf(html))[0].splitlines()]
    assert len(lines) > 4  # it did wrap
    words = set(sentence.split())
    assert all(word in words for line in lines for word in line if not word.isascii()), lines
    # Tags, styles and drawings are left alone: only text between tags gains spans.
    assert keep_korean_words('<svg><text>세액</text></svg><p title="세액">세액</p>') == (
        '<svg><text>세액</text></svg><p title="세액"><span class="ko-word">세액</span></p>'
    )
