"""How hard a handout is to read: a US-style grade level per language, measured offline."""

from __future__ import annotations

import re
import threading

from counseling.markup import markdown_to_text

# textstat keeps its language in module state; measure one text at a time.
_textstat_lock = threading.Lock()
# Formulas that give a US-style grade level for a language. Others get no grade (CJK text has no
# syllables for these formulas to count, and no validated Vietnamese or Tagalog formula exists).
READABILITY_FORMULAS = {"en": "flesch_kincaid_grade", "es": "crawford"}


def _flesch_kincaid_grade(plain: str) -> float:
    """Flesch–Kincaid grade with pyphen's offline hyphenation dictionary for syllables.

    textstat's own English syllable counter loads NLTK's cmudict and downloads it when missing;
    a clinic server must never call out, so English syllables come from pyphen instead.
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


def readability(text: str, language: str) -> tuple[float | None, str]:
    """Return ``(grade, formula name)`` for a Markdown text, or ``(None, "")`` if none fits."""
    formula = READABILITY_FORMULAS.get(language)
    plain = markdown_to_text(text)
    if formula is None or not plain:
        return None, ""
    import textstat

    with _textstat_lock:
        if language == "en":
            grade = _flesch_kincaid_grade(plain)
        else:
            textstat.set_lang(language)
            try:
                grade = float(textstat.crawford(plain))
            finally:
                textstat.set_lang("en")
    return round(grade, 1), formula
