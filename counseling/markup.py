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


# --- the client text: its front, its blocks, its sentences ------------------------------------
# A body's *client front* is everything above its first ``---`` line (what this means for you,
# what to do); the site's referral list ("Where to go") prints right after it, then the details.
# Each heading, paragraph and list item is a sentence to the reader, so readability formulas see
# one per block (a period is added where a block has none); otherwise short list items would run
# together into one long "sentence" and mislead the formulas either way.
FRONT_DIVIDER = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", re.M)
BLOCK_TAGS = re.compile(r"<(h[1-6]|li|p|td|th)\b[^>]*>(.*?)</\1>", re.S)
SENTENCE_END = ".!?:;…"


def split_front(body_markdown: str) -> tuple[str, str]:
    """Return ``(client front, the rest)``; a body without a ``---`` line is all front."""
    parts = FRONT_DIVIDER.split(body_markdown or "", maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")


def markdown_to_blocks(body_markdown: str) -> list[str]:
    """Return the text of each heading, paragraph and list item; headings keep a leading '#'."""
    rendered = markdown.markdown(body_markdown or "", extensions=["tables", "sane_lists", "smarty"])
    found = []
    for tag, inner in BLOCK_TAGS.findall(rendered):
        inner = re.split(r"<(?:ul|ol)\b", inner)[0]  # a list item's own text, not its sub-list
        plain = re.sub(r"\s+", " ", html.unescape(nh3.clean(inner, tags=set()))).strip()
        if plain:
            found.append(("# " if tag.startswith("h") else "") + plain)
    return found


def client_sentences(body_markdown: str) -> str:
    """Return the client text as sentences: one per block, each ending in punctuation."""
    sentences = []
    for block in markdown_to_blocks(body_markdown):
        block = block.removeprefix("# ")
        sentences.append(block if block[-1] in SENTENCE_END else block + ".")
    return " ".join(sentences)
