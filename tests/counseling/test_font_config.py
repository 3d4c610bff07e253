"""One font configuration per thread, reused by every PDF (it costs a fontconfig scan to make)."""

from __future__ import annotations

import threading
from pathlib import Path

from counseling.pdf import html_to_pdf, new_font_config

ROOT = Path(__file__).resolve().parents[2]


def test_each_thread_reuses_one_font_configuration():
    first = new_font_config()
    assert new_font_config() is first
    other = []
    thread = threading.Thread(target=lambda: other.append(new_font_config()))
    thread.start()
    thread.join()
    assert other[0] is not first


def test_reusing_it_is_safe_because_no_document_declares_its_own_fonts():
    # A document's @font-face would be added to the shared configuration and reach the next one.
    sources = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/static/**/*.css")]
    assert sources
    assert [str(p) for p in sources if "@font-face" in p.read_text(encoding="utf-8", errors="ignore")] == []


def test_documents_render_the_same_with_the_shared_configuration():
    html = "<html lang='en'><body><p>Hola, Nguyễn, 你好, 안녕하세요</p></body></html>"
    first, second = html_to_pdf(html), html_to_pdf(html)
    assert first.startswith(b"%PDF") and second.startswith(b"%PDF")
    assert abs(len(first) - len(second)) < 64  # same fonts embedded (only the creation date differs)
