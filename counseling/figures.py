"""Pictures for handouts, drawn as inline SVG: no files, no fetches, text in the reader's language.

Called inside ``translation.override(language)`` by ``counseling.pdf``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from decimal import Decimal
from html import escape

import segno
from django.utils import translation
from django.utils.translation import gettext as _

from counseling.pdf import drawing_font
from intake.eligibility.curves import california_curve

# Charts must read in black-and-white print: every series differs by dash pattern *and* marker
# shape, and by grey level; colour is only a help on a colour printer.
SERIES_STYLES = (
    # (colour, dash, marker)
    ("#000000", "", "circle"),
    ("#1f4e9c", "9 5", "square"),
    ("#6a3d9a", "2 4", "triangle"),
    ("#7a7a7a", "12 4 3 4", "diamond"),
)
# Average advance of a Noto Sans glyph, as a share of the font size; used to wrap legend lines so
# the longest language still fits the drawing (checked in tests on the laid-out PDF).
GLYPH_WIDTH = 0.56


def money(amount: int | float | Decimal) -> str:
    """Return whole dollars as ``$1,189`` (the form printed on IRS and FTB pages in every language)."""
    return f"${int(round(Decimal(amount))):,}"


def qr_svg(url: str) -> str:
    """Return an inline SVG QR code for an official web address."""
    return segno.make(url, error="m").svg_inline(scale=2.4, border=2, dark="#000", omitsize=False)


def chart_figures_year(tax_year: int) -> tuple[int, bool]:
    """Return ``(year whose California figures to draw, whether that makes the chart an estimate)``.

    A tax year whose FTB amounts are not yet published is drawn with the latest published year's
    figures and flagged as an estimate (facts file §2.4); no amount is scaled or invented.
    """
    from intake.eligibility import params

    supported = [year for year in params.SUPPORTED_TAX_YEARS if year <= tax_year] or [min(params.SUPPORTED_TAX_YEARS)]
    module = params.for_year(max(supported))
    figures_year = getattr(module, "CA_FIGURES_YEAR", max(supported))
    return figures_year, figures_year != tax_year


def california_credits_chart(tax_year: int) -> str:
    """Return an SVG chart of the CalEITC (1, 2, 3+ children) and the YCTC by earned income."""
    figures_year, estimate = chart_figures_year(tax_year)
    series = [
        (_("CalEITC, 1 child"), california_curve(figures_year, 1, step=250, young_child=True), 0),
        (_("CalEITC, 2 children"), california_curve(figures_year, 2, step=250), 0),
        (_("CalEITC, 3 or more children"), california_curve(figures_year, 3, step=250), 0),
        (_("Young Child Tax Credit (a child under 6), added on top"), california_curve(figures_year, 1, step=250), 1),
    ]
    if estimate:
        title = _("California credits by pay: estimate for %(year)s, using %(figures_year)s amounts") % {
            "year": tax_year,
            "figures_year": figures_year,
        }
    else:
        title = _("California credits by pay, tax year %(year)s") % {"year": tax_year}
    return line_chart(
        title=title,
        x_label=_("Pay from work for the year"),
        series=[
            (label, [(earned, values[index]) for earned, *values in points])  # values: (CalEITC, YCTC)
            for label, points, index in series
        ],
    )


def _wrap(text: str, *, font_size: float, width: float) -> list[str]:
    return textwrap.wrap(text, width=max(12, int(width / (font_size * GLYPH_WIDTH)))) or [""]


def _marker(shape: str, x: float, y: float, colour: str, size: float = 5.5) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}"/>'
    if shape == "square":
        return (f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size:.1f}" height="{2 * size:.1f}" '
                f'fill="white" stroke="{colour}" stroke-width="2"/>')
    if shape == "triangle":
        return (f'<polygon points="{x:.1f},{y - size - 1:.1f} {x - size - 1:.1f},{y + size:.1f} '
                f'{x + size + 1:.1f},{y + size:.1f}" fill="{colour}"/>')
    return (f'<polygon points="{x:.1f},{y - size - 1:.1f} {x + size + 1:.1f},{y:.1f} {x:.1f},{y + size + 1:.1f} '
            f'{x - size - 1:.1f},{y:.1f}" fill="white" stroke="{colour}" stroke-width="2"/>')


def _nice_step(top: float, ticks: int = 4) -> int:
    raw = max(top / ticks, 1)
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return int(factor * magnitude)
    return int(10 * magnitude)


def line_chart(*, title: str, x_label: str, series: Sequence[tuple[str, Sequence[tuple[int, Decimal]]]]) -> str:
    """Return an SVG chart with one line per ``(label, [(x, y)…])``, styled by ``SERIES_STYLES``.

    Each line has its own dash pattern, marker shape and grey level, repeated in a legend whose
    lines wrap to the drawing's width, so no label is cut off in a longer language.
    """
    width = 640
    title_lines = _wrap(title, font_size=17, width=width - 16)
    legend = []
    for index, (label, _data) in enumerate(series):
        legend.append((index, _wrap(label, font_size=14, width=width - 64 - 44)))
    legend_height = sum(18 * len(lines) + 6 for _index, lines in legend)
    left, right, top = 64, 16, 30 + 21 * len(title_lines)
    plot_h = 170
    height = top + plot_h + 48 + legend_height + 8
    plot_w = width - left - right
    points = [p for _label, data in series for p in data]
    nonzero = [x for x, y in points if y > 0]
    max_x = max(nonzero or [1]) * 1.04
    max_y = float(max([y for _x, y in points] or [1])) * 1.1 or 1.0
    x_step, y_step = _nice_step(max_x), _nice_step(max_y)

    def sx(x: float) -> float:
        return left + plot_w * min(x, max_x) / max_x

    def sy(y: float) -> float:
        return top + plot_h * (1 - float(y) / max_y)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{drawing_font(translation.get_language())}">',
        *(
            f'<text x="8" y="{22 + 21 * n}" font-size="17" font-weight="bold">{escape(line)}</text>'
            for n, line in enumerate(title_lines)
        ),
    ]
    y = 0
    while y <= max_y:
        parts.append(f'<line x1="{left}" y1="{sy(y):.1f}" x2="{width - right}" y2="{sy(y):.1f}" stroke="#ccc"/>')
        if y:  # the x axis's "$0" labels the corner; a second one beside it read as "$0$0"
            parts.append(f'<text x="{left - 6}" y="{sy(y) + 4:.1f}" font-size="13" text-anchor="end">{money(y)}</text>')
        y += y_step
    x = 0
    while x <= max_x:
        parts.append(f'<line x1="{sx(x):.1f}" y1="{top + plot_h}" x2="{sx(x):.1f}" y2="{top + plot_h + 4}" stroke="#333"/>')
        parts.append(
            f'<text x="{sx(x):.1f}" y="{top + plot_h + 18}" font-size="13" text-anchor="middle">{money(x)}</text>'
        )
        x += x_step
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#333"/>')
    parts.append(
        f'<text x="{left + plot_w / 2:.0f}" y="{top + plot_h + 36}" font-size="14" text-anchor="middle">'
        f"{escape(x_label)}</text>"
    )
    legend_y = top + plot_h + 48
    for index, lines in legend:
        label, data = series[index]
        colour, dash, shape = SERIES_STYLES[index % len(SERIES_STYLES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        visible = [(x, y) for x, y in data if x <= max_x]
        path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in visible)
        parts.append(f'<polyline class="series series-{index}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr} points="{path}"/>')
        # Markers spread along the line, offset per series so lines that touch stay apart.
        for n in range(index % 2, len(visible), 16):
            parts.append(_marker(shape, sx(visible[n][0]), sy(visible[n][1]), colour))
        swatch_y = legend_y + 8
        parts.append(
            f'<line class="swatch swatch-{index}" x1="{left}" y1="{swatch_y}" x2="{left + 36}" y2="{swatch_y}" '
            f'stroke="{colour}" stroke-width="3"{dash_attr}/>'
        )
        parts.append(_marker(shape, left + 18, swatch_y, colour))
        for n, line in enumerate(lines):
            parts.append(f'<text x="{left + 44}" y="{legend_y + 13 + 18 * n}" font-size="14">{escape(line)}</text>')
        legend_y += 18 * len(lines) + 6
    parts.append("</svg>")
    return "".join(parts)


# The register prints as a timeline that reads in black and white: each status has a mark of its
# own shape (and its words), never a colour alone. A filled square blocks sharing, an open circle
# lets it go on, a cross ended, a diamond is neither (a finding, a records suit).
STATUS_SHAPES = {
    "blocks_for_now": "square",
    "allows_sharing": "circle",
    "denied_upheld": "circle",
    "stayed": "cross",
    "reversed": "cross",
    "ended": "cross",
}
STATUS_MARKS = {"square": "■", "circle": "○", "cross": "✕", "diamond": "◇"}
