"""The client text of a handout: its blocks, its client front, and how hard it is to read.

A handout body is Markdown. Its *client front* is everything above the first ``---`` line (what
this means for you, what to do); the site's referral list ("Where to go") prints right after it and
the details follow. Reading scores are measured on the client text only: sources and citations live
in the front matter and are never part of the body.

Each heading, paragraph and list item is a sentence to the reader, so each is scored as one (a
period is added where a block has none); otherwise short list items would run together into one
long "sentence" and the formulas would mislead in either direction.
"""

from __future__ import annotations

import html
import re
import threading

import markdown
import nh3

FRONT_DIVIDER = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", re.M)
BLOCK_TAGS = re.compile(r"<(h[1-6]|li|p|td|th)\b[^>]*>(.*?)</\1>", re.S)
SENTENCE_END = ".!?:;…"
# English: Flesch–Kincaid grade (lower is easier; the target is ≤ 6). Spanish: Fernández-
# Huerta reading ease (higher is easier; 80–90 "fácil", about 6th grade; target ≥ 80).
FORMULAS = {"en": "flesch_kincaid_grade", "es": "fernandez_huerta"}
_textstat_lock = threading.Lock()


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


def _flesch_kincaid_grade(plain: str) -> float:
    """Flesch–Kincaid grade, with pyphen's offline dictionary counting syllables.

    textstat's own English syllable counter loads NLTK's cmudict and downloads it when missing; a
    clinic server never calls out, so syllables come from pyphen.
    """
    import pyphen
    import textstat

    words = re.findall(r"[A-Za-z]+(?:'[a-z]+)?", plain)
    if not words:
        return 0.0
    dictionary = pyphen.Pyphen(lang="en_US")
    syllables = sum(max(1, len(dictionary.positions(word.lower())) + 1) for word in words)
    sentences = max(1, textstat.sentence_count(plain))
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


def client_readability(body_markdown: str, language: str) -> tuple[float | None, str]:
    """Return ``(score, formula)`` for a body's client text, or ``(None, "")`` where none fits."""
    formula = FORMULAS.get(language)
    plain = client_sentences(body_markdown)
    if formula is None or not plain:
        return None, ""
    if language == "en":
        return round(_flesch_kincaid_grade(plain), 1), formula
    import textstat

    with _textstat_lock:
        textstat.set_lang(language)
        try:
            score = float(textstat.fernandez_huerta(plain))
        finally:
            textstat.set_lang("en")
    return round(score, 1), formula
