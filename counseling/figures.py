"""Pictures for handouts, drawn as inline SVG: no files, no fetches, text in the reader's language.

Called inside ``translation.override(language)`` by ``counseling.pdf``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from decimal import Decimal
from html import escape

import segno
from django.utils.translation import gettext as _

from counseling.models import CourtOrder
from intake.eligibility.curves import california_curve

STATUS_COLOURS = {
    CourtOrder.Status.IN_FORCE: "#1b7f3b",
    CourtOrder.Status.STAYED: "#b26a00",
    CourtOrder.Status.APPEALED: "#b26a00",
    CourtOrder.Status.REVERSED: "#555555",
    CourtOrder.Status.DENIED: "#555555",
    CourtOrder.Status.AFFIRMED: "#1f4e9c",
}


def money(amount: int | float | Decimal) -> str:
    """Return whole dollars as ``$1,189`` (the form printed on IRS and FTB pages in every language)."""
    return f"${int(round(Decimal(amount))):,}"


def qr_svg(url: str) -> str:
    """Return an inline SVG QR code for an official web address."""
    return segno.make(url, error="m").svg_inline(scale=2.4, border=2, dark="#000", omitsize=False)


def california_credits_chart(tax_year: int) -> str | None:
    """Return an SVG line chart of CalEITC and YCTC by earned income, from the engine's curves."""
    series = [
        (_("CalEITC, 1 child"), "#1f4e9c", "", california_curve(tax_year, 1, step=500, young_child=True), 0),
        (_("CalEITC, 3 or more children"), "#6a3d9a", "6 4", california_curve(tax_year, 3, step=500), 0),
        (_("Young Child Tax Credit (a child under 6)"), "#1b7f3b", "", california_curve(tax_year, 1, step=500), 1),
    ]
    return line_chart(
        title=_("California credits by earned income, tax year %(year)s") % {"year": tax_year},
        x_label=_("Earned income for the year"),
        series=[
            (label, colour, dash, [(earned, values[index]) for earned, *values in points])  # values: (CalEITC, YCTC)
            for label, colour, dash, points, index in series
        ],
    )


def _nice_step(top: float, ticks: int = 4) -> int:
    raw = max(top / ticks, 1)
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return int(factor * magnitude)
    return int(10 * magnitude)


def line_chart(
    *, title: str, x_label: str, series: Sequence[tuple[str, str, str, Sequence[tuple[int, Decimal]]]]
) -> str:
    """Return an SVG chart with one line per ``(label, colour, dash, [(x, y)…])``."""
    title_lines = textwrap.wrap(title, width=58) or [""]
    width, height = 640, 350 + 20 * (len(title_lines) - 1)
    left, right, top, bottom = 64, 16, 34 + 20 * (len(title_lines) - 1), 108
    plot_w, plot_h = width - left - right, height - top - bottom
    points = [p for *_meta, data in series for p in data]
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
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        *(
            f'<text x="8" y="{20 + 20 * n}" font-size="17" font-weight="bold">{escape(line)}</text>'
            for n, line in enumerate(title_lines)
        ),
    ]
    y = 0
    while y <= max_y:
        parts.append(f'<line x1="{left}" y1="{sy(y):.1f}" x2="{width - right}" y2="{sy(y):.1f}" stroke="#ddd"/>')
        parts.append(
            f'<text x="{left - 6}" y="{sy(y) + 4:.1f}" font-size="13" text-anchor="end">{money(y)}</text>'
        )
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
    for index, (label, colour, dash, data) in enumerate(series):
        path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in data if x <= max_x)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr} points="{path}"/>'
        )
        peak_x, peak_y = max(data, key=lambda p: p[1]) if data else (0, 0)
        legend_y = top + plot_h + 58 + 19 * index
        parts.append(
            f'<line x1="{left}" y1="{legend_y - 4}" x2="{left + 28}" y2="{legend_y - 4}" stroke="{colour}" '
            f'stroke-width="3"{dash_attr}/>'
        )
        legend = _("%(label)s — up to %(amount)s") % {"label": label, "amount": money(peak_y)}
        parts.append(f'<text x="{left + 36}" y="{legend_y}" font-size="14">{escape(legend)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def court_order_timeline(orders: Sequence[CourtOrder]) -> str:
    """Return a vertical SVG timeline of the register: date, case, status, one row per order."""
    row, width, top = 56, 640, 12
    label = _("Court orders over time")
    height = top * 2 + row * max(len(orders), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">',
        f'<line x1="110" y1="{top}" x2="110" y2="{height - top}" stroke="#999" stroke-width="2"/>',
    ]
    for index, order in enumerate(sorted(orders, key=lambda o: (o.order_date, o.key))):
        y = top + row * index + row / 2
        colour = STATUS_COLOURS.get(order.status, "#333")
        status = order.get_status_display()
        if not order.status_certain:
            status = _("%(status)s (not confirmed)") % {"status": status}
        name = order.case_name if len(order.case_name) <= 48 else order.case_name[:46] + "…"
        parts += [
            f'<text x="98" y="{y + 5:.0f}" font-size="14" text-anchor="end">{order.order_date:%Y-%m-%d}</text>',
            f'<circle cx="110" cy="{y:.0f}" r="8" fill="{colour}"/>',
            f'<text x="126" y="{y - 4:.0f}" font-size="16" font-weight="bold">{escape(name)}</text>',
            f'<text x="126" y="{y + 16:.0f}" font-size="14" fill="{colour}">{escape(status)} · '
            f"{escape(order.court)}</text>",
        ]
    parts.append("</svg>")
    return "".join(parts)
