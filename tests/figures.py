"""Read the dollar figures a page shows, by the stable markers of the results template.

Markers (templates/intake/includes/results.html; keep them when restyling):

* ``data-credit="<credit key>"`` on each credit's card;
* ``data-figure="amount"`` and ``data-figure="refundable"`` inside a card: the element whose
  visible text shows the credit's amount, and the one showing its refundable part;
* ``data-figure="total-federal"``, ``data-figure="total-california"``, ``data-figure="total"``
  (federal and California together) and ``data-figure="tax-before-credits"``.

The figure is read from the element's *visible text* (``$4,400``), not from an attribute, so a
page that prints the wrong number fails even if the markers are right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
DOLLARS = re.compile(r"(-?)\$([\d,]+)")


def dollars_in(text: str) -> int:
    """Return the one dollar amount in ``text`` (``"Of which refundable: $2,175"`` → 2175)."""
    found = DOLLARS.findall(text)
    assert len(found) == 1, f"expected one dollar amount in {text!r}, found {found}"
    sign, digits = found[0]
    return int(sign + digits.replace(",", ""))


@dataclass
class Figures:
    """What one results page shows: per credit its figures, and the page's totals."""

    credits: dict[str, dict[str, int]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)

    def amount(self, key: str) -> int:
        return self.credits[key]["amount"]

    def refundable(self, key: str) -> int | None:
        return self.credits[key].get("refundable")


class _FigureParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.figures = Figures()
        self._stack: list[tuple[str, str | None, str | None]] = []  # (tag, credit key, figure name)
        self._texts: dict[int, list[str]] = {}

    def _credit(self) -> str | None:
        for _tag, credit, _figure in reversed(self._stack):
            if credit:
                return credit
        return None

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        self._stack.append((tag, a.get("data-credit"), a.get("data-figure")))
        if a.get("data-figure"):
            self._texts[len(self._stack) - 1] = []

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_data(self, data):
        for depth in self._texts:
            self._texts[depth].append(data)

    def handle_endtag(self, tag):
        if tag in VOID or not self._stack:
            return
        # Close up to the matching tag (tolerates an unclosed inner element).
        while self._stack:
            depth = len(self._stack) - 1
            open_tag, _credit, figure = self._stack[-1]
            credit = self._credit()
            self._stack.pop()
            if figure:
                text = " ".join("".join(self._texts.pop(depth)).split())
                value = dollars_in(text)
                if credit and figure in ("amount", "refundable"):
                    assert figure not in self.figures.credits.setdefault(credit, {}), f"two {figure} figures for {credit}"
                    self.figures.credits[credit][figure] = value
                else:
                    assert figure not in self.figures.totals, f"two {figure} figures"
                    self.figures.totals[figure] = value
            if open_tag == tag:
                break


def figures_on(html: str) -> Figures:
    parser = _FigureParser()
    parser.feed(html)
    parser.close()
    return parser.figures
