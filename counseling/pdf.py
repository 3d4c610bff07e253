"""The WeasyPrint plumbing shared by every PDF: the locked-down fetcher, fonts, language tags, and
the small ``Rendered`` value each document function returns.

The documents themselves live elsewhere: generic handouts and packets in ``counseling/handouts.py``,
the client summary in ``counseling/summary.py``. Each renders inside
``translation.override(language)``: the client's language, not the volunteer's. WeasyPrint gets a
fetcher that serves only this project's own static files and stops the render on any other address,
so a PDF can never make the server call out (nothing leaves the clinic, docs/architecture.md) and
never depends on the network at a pop-up site.
"""

from __future__ import annotations

import mimetypes
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from clinic import languages

PDF = "application/pdf"
# A reserved name that never resolves (RFC 2606): relative URLs in a handout resolve against it,
# and the fetcher maps its /static/ paths to files found by Django's staticfiles finders.
INTERNAL_ORIGIN = "https://confianza.invalid/"
STYLESHEET = "counseling/handout.css"
# The font stack per language (handout.css); the lang attribute's BCP 47 tag comes from
# clinic.languages.bcp47, and Pango picks the regional CJK glyph forms from both.
FONT_CLASSES = {"zh-hans": "font-sc", "zh-hant": "font-tc", "ko": "font-kr"}
# The same faces by name, for drawings: WeasyPrint's SVG text does not inherit the page's font,
# and fontconfig's own fallback for Hangul or Han characters is the Japanese face.
FONT_FAMILIES = {"zh-hans": "Noto Sans CJK SC", "zh-hant": "Noto Sans CJK TC", "ko": "Noto Sans CJK KR"}


def drawing_font(language: str | None) -> str:
    """Return the SVG ``font-family`` value for a drawing in ``language``."""
    face = FONT_FAMILIES.get(language or "")
    return f"'{face}', 'Noto Sans', sans-serif" if face else "'Noto Sans', sans-serif"


@dataclass(frozen=True)
class Rendered:
    """A finished document, held in memory only."""

    filename: str
    content_type: str
    content: bytes


class ResourceRefused(Exception):
    """A handout asked for a resource that is not one of the app's own static files."""


class StaticFilesOnlyFetcher(URLFetcher):
    """Serve the app's own static files to WeasyPrint; refuse every other URL.

    Never opens a socket: ``fetch`` reads files found by the staticfiles finders and raises for
    anything else, and ``fail_on_errors`` turns that into a failed render, not a missing picture.
    """

    def __init__(self) -> None:
        super().__init__(fail_on_errors=True)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        prefix = urlsplit(INTERNAL_ORIGIN + settings.STATIC_URL.lstrip("/"))
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) == (prefix.scheme, prefix.netloc) and parts.path.startswith(prefix.path):
            relative = unquote(parts.path[len(prefix.path) :])
            if relative and ".." not in relative.split("/"):
                found = finders.find(relative)
                if found:
                    content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                    return URLFetcherResponse(
                        url, body=Path(found).read_bytes(), headers={"Content-Type": content_type}
                    )
        raise ResourceRefused(f"refused to fetch {url!r}: handouts may only use the app's own static files")


_fonts = threading.local()


def new_font_config() -> FontConfiguration:
    """Return this thread's font configuration, made once and reused for every document.

    Making one loads the system's font list through fontconfig and starts an empty Pango font
    map: 65–185 ms a document on the 2-core benchmark machine, and about a fifth of a client
    summary's render (docs/benchmarks.md). No template declares ``@font-face``, so nothing a document
    adds to the configuration can change the next one; one per thread keeps threaded workers safe.
    """
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


# Korean breaks lines between words, at spaces (CSS ``word-break: keep-all``); WeasyPrint (Pango)
# breaks between any two Hangul syllables and does not implement keep-all. Each run of Hangul is
# wrapped in a no-wrap span instead (text nodes only: never inside a tag, a style or a drawing).
HANGUL_RUN = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3][\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3.,·)」]*")
MARKUP = re.compile(r"(<svg\b.*?</svg>|<style\b.*?</style>|<[^>]*>)", re.S | re.I)
KOREAN_DOCUMENT = re.compile(r"<html[^>]*\blang=\"ko\b", re.I)


def keep_korean_words(html: str) -> str:
    """Return ``html`` with every Korean word kept on one line (for a ``lang="ko"`` document)."""
    parts = MARKUP.split(html)
    for i in range(0, len(parts), 2):  # even parts are text between tags
        parts[i] = HANGUL_RUN.sub(lambda m: f'<span class="ko-word">{m.group(0)}</span>', parts[i])
    return "".join(parts)


def html_to_document(html: str, *, font_config: FontConfiguration | None = None):
    """Lay out HTML with the static-only fetcher; raise ResourceRefused on any foreign URL."""
    if KOREAN_DOCUMENT.search(html[:2000]):
        html = keep_korean_words(html)
    try:
        return HTML(string=html, base_url=INTERNAL_ORIGIN, url_fetcher=StaticFilesOnlyFetcher()).render(
            font_config=font_config or new_font_config()
        )
    except FatalURLFetchingError as exc:
        raise ResourceRefused(str(exc.__cause__ or exc)) from exc.__cause__


def html_to_pdf(html: str) -> bytes:
    """Return the PDF bytes for an HTML string (see ``html_to_document``)."""
    return html_to_document(html).write_pdf()


def language_name(code: str) -> str:
    """Return a handout language's name in its own script (clinic.languages.NATIVE_NAMES)."""
    return languages.language_name(code)


def document_context(language: str) -> dict:
    """Return the context every PDF template needs for its language: tag, fonts, stylesheet."""
    return {
        "lang": language,
        "lang_tag": languages.bcp47(language),
        "font_class": FONT_CLASSES.get(language, "font-latin"),
        "language_name": language_name(language),
        "stylesheet": settings.STATIC_URL + STYLESHEET,
    }
