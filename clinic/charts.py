"""Server-rendered SVG bar charts: no script, no inline style, nothing from another host.

A chart is a picture of a table printed beside it; the SVG has ``role="img"`` and a title that
names that table, so a screen reader reads the table instead of guessing at bars. A suppressed
value (``None``, fewer than 5) gets no bar and the words the table uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

ROW = 48
BAR_WIDTH = 360
VALUE_WIDTH = 110


def _scale(values: Sequence[int | None]) -> int:
    return max([v for v in values if v] or [1])


def horizontal_bars(items: Sequence[tuple[str, int | None]], *, title: str, chart_id: str) -> SafeString:
    """Return one bar per (label, value): the label above its bar, the value after it."""
    top = _scale([value for _label, value in items])
    height = ROW * max(len(items), 1) + 8
    width = BAR_WIDTH + VALUE_WIDTH
    rows = []
    for index, (label, value) in enumerate(items):
        y = 4 + index * ROW
        length = 0 if not value else max(2, round(BAR_WIDTH * value / top))
        text = _("fewer than 5") if value is None else f"{value:,}"
        rows.append((y + 15, label, y + 21, length, length + 6, y + 37, text))
    body = format_html_join(
        "",
        '<text x="0" y="{0}" class="chart-label">{1}</text>'
        '<rect x="0" y="{2}" width="{3}" height="20" class="chart-bar"></rect>'
        '<text x="{4}" y="{5}" class="chart-value">{6}</text>',
        rows,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-fit" id="{}" role="img" aria-labelledby="{}-title" '
        'viewBox="0 0 {} {}" width="{}" height="{}"><title id="{}-title">{}</title>{}</svg>',
        chart_id, chart_id, width, height, width, height, chart_id, title, body,
    )


def columns(items: Sequence[tuple[str, int | None]], *, title: str, chart_id: str) -> SafeString:
    """Return one column per (label, value), for a series such as households per week."""
    top = _scale([value for _label, value in items])
    plot_height = 160
    step = 62
    width = max(len(items), 1) * step + 40
    height = plot_height + 60
    cells = []
    for index, (label, value) in enumerate(items):
        x = 30 + index * step
        length = 0 if not value else max(2, round(plot_height * value / top))
        text = "<5" if value is None else f"{value:,}"
        cells.append((x, 20 + plot_height - length, length, x + 20, 14 + plot_height - length, text, plot_height + 38, label))
    body = format_html_join(
        "",
        '<rect x="{0}" y="{1}" width="40" height="{2}" class="chart-bar"></rect>'
        '<text x="{3}" y="{4}" text-anchor="middle" class="chart-value">{5}</text>'
        '<text x="{3}" y="{6}" text-anchor="middle" class="chart-label">{7}</text>',
        cells,
    )
    axis = format_html(
        '<line x1="24" y1="{}" x2="{}" y2="{}" class="chart-axis"></line>', 20 + plot_height, width - 4, 20 + plot_height
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{}" role="img" aria-labelledby="{}-title" '
        'viewBox="0 0 {} {}" width="{}" height="{}"><title id="{}-title">{}</title>{}{}</svg>',
        chart_id, chart_id, width, height, width, height, chart_id, title, axis, body,
    )
