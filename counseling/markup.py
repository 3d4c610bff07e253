"""Markdown → sanitised HTML for handout bodies, and the plain text used to measure readability.

Bodies are written by content editors, so they are treated as untrusted: ``nh3`` (ammonia) keeps a
short allow-list of tags and drops everything else, including images — a handout may not pull in
anything the app does not serve itself, and an ``<img>`` is the usual way to try.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "dl", "dt", "em", "h2", "h3", "h4",
        "hr", "i", "li", "ol", "p", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
        "tr", "ul",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
ALLOWED_URL_SCHEMES = frozenset({"https", "http", "mailto", "tel"})
MARKDOWN_EXTENSIONS = ["tables", "sane_lists", "smarty"]


def markdown_to_html(text: str) -> str:
    """Return the Markdown ``text`` as HTML with only allow-listed tags and attributes."""
    raw = markdown.markdown(text or "", extensions=MARKDOWN_EXTENSIONS, output_format="html")
    # A body's "# Heading" would compete with the handout title: shift h1 down to h2.
    raw = re.sub(r"<(/?)h1\b", r"<\1h2", raw)
    return nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
    )


def markdown_to_text(text: str) -> str:
    """Return the words of a Markdown text without markup (for readability formulas)."""
    stripped = nh3.clean(markdown.markdown(text or "", extensions=MARKDOWN_EXTENSIONS), tags=set())
    return re.sub(r"\s+", " ", html.unescape(stripped)).strip()
