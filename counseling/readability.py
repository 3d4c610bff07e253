"""How hard a handout's client text is to read, measured offline.

English: Flesch–Kincaid grade (lower is easier; target ≤ 6). Spanish: Fernández-Huerta reading ease
(higher is easier; 80–90 "fácil", about a 6th-grade text; target ≥ 80). Measured on the client text
only: sources and citations live in the front matter, and each block counts as one sentence
(``counseling.markup.client_sentences``). Other languages get no score (CJK text has no syllables
for these formulas, and no validated Vietnamese or Tagalog formula exists).
"""

from __future__ import annotations

import re
import threading
from html.parser import HTMLParser

from counseling.markup import SENTENCE_END, client_sentences

# textstat keeps its language in module state; measure one text at a time.
_textstat_lock = threading.Lock()
READABILITY_FORMULAS = {"en": "flesch_kincaid_grade", "es": "fernandez_huerta"}
# The targets a shipped version must meet (tests/counseling/test_content_quality.py).
TARGETS = {"en": ("max", 6.0), "es": ("min", 80.0)}


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


class _Blocks(HTMLParser):
    """The text of a rendered page, one sentence per block (heading, paragraph, list item, table row)."""

    BLOCKS = frozenset({"h1", "h2", "h3", "p", "li", "tr"})
    HIDDEN = frozenset({"title", "style", "script"})

    def __init__(self):
        super().__init__()
        self.sentences: list[str] = []
        self._text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in self.HIDDEN
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        self._hidden -= tag in self.HIDDEN
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self._hidden:
            self._text.append(data)

    def _flush(self):
        block = re.sub(r"\s+", " ", "".join(self._text)).strip()
        self._text = []
        if block:
            self.sentences.append(block if block[-1] in SENTENCE_END else block + ".")


def html_sentences(html: str) -> str:
    """Return a rendered page's text as sentences, one per block, the way handouts are measured."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    parser._flush()
    return " ".join(parser.sentences)


def readability(text: str, language: str, *, html: bool = False) -> tuple[float | None, str]:
    """Return ``(score, formula name)`` for a Markdown body's client text (or, with ``html``, a
    rendered page's text, such as the client summary), or ``(None, "")``."""
    formula = READABILITY_FORMULAS.get(language)
    plain = html_sentences(text) if html else client_sentences(text)
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
