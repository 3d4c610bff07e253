"""The coordinator's season page and its CSV (live households need intake, so it lives here)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from clinic.access import site_for_user
from clinic.models import AuditEntry
from intake.season import season_for_site


def _season_labels(season) -> dict:
    from django.conf import settings

    from counseling.models import Topic
    from intake.eligibility import CREDIT_LABELS
    from intake.models import ID_TYPE_CHOICES

    topics = {slug for period in season.periods for slug, _language in period.prints}
    titles = {topic.slug: topic.title_in(get_language() or "en") for topic in Topic.objects.filter(slug__in=topics)}
    titles.setdefault("summary", _("Client summary"))
    return {
        "credits": {key: str(label) for key, label in CREDIT_LABELS.items()},
        "id_types": {key: str(label) for key, label in ID_TYPE_CHOICES},
        "topics": titles,
        "languages": dict(settings.HANDOUT_LANGUAGES),
    }


def _season_tables(season, labels) -> dict:
    """Rows for the page and the CSV: every figure once, in the order the page shows them."""
    periods = season.periods
    credit_rows = [
        {
            "key": key,
            "label": labels["credits"].get(key, key),
            "cells": [next(line for line in period.credits if line.credit == key) for period in periods],
        }
        for key in season.credit_keys
    ]
    id_types = sorted({key for period in periods for key in period.by_id_type})
    id_type_rows = [
        {"key": key, "label": labels["id_types"].get(key, key), "cells": [period.by_id_type.get(key, 0) for period in periods]}
        for key in id_types
    ]
    printed = sorted({key for period in periods for key in period.prints})
    print_rows = [
        {
            "topic": topic,
            "language": language,
            "label": labels["topics"].get(topic, topic),
            "language_name": labels["languages"].get(language, language),
            "cells": [period.prints.get((topic, language), 0) for period in periods],
        }
        for topic, language in printed
    ]
    return {"credit_rows": credit_rows, "id_type_rows": id_type_rows, "print_rows": print_rows}


@never_cache
@login_required
def season_report_view(request, slug: str):
    """A site's season for its coordinator: live households and anonymous counters, small cells hidden."""
    from clinic.charts import columns, horizontal_bars

    site, _can_manage = site_for_user(request.user, slug, manage=True)
    season = season_for_site(site=site)
    labels = _season_labels(season)
    tables = _season_tables(season, labels)
    season_index = [p.key for p in season.periods].index("season")
    charts = {
        "weeks": columns(
            [(date_format(bar.week, "M j"), bar.households) for bar in season.weeks],
            title=_("Households per week (the table below has the same figures)"),
            chart_id="chart-weeks",
        ),
        "credits": horizontal_bars(
            [(row["label"], row["cells"][season_index].found) for row in tables["credit_rows"]],
            title=_("Households found eligible, by credit, this season (the table below has the same figures)"),
            chart_id="chart-credits",
        ),
        "languages": horizontal_bars(
            [(labels["languages"].get(code, code), count) for code, count in season.period("season").print_languages.items()],
            title=_("Handouts printed, by language, this season (the table below has the same figures)"),
            chart_id="chart-languages",
        ),
    }
    return render(
        request,
        "clinic/season_report.html",
        {"season": season, "site": site, "charts": charts, **tables},
    )


def _csv_value(value) -> str:
    return "<5" if value is None else str(value)


@never_cache
@login_required
def season_report_csv(request, slug: str):
    """The season page's aggregates as CSV: never a household row, small cells as "<5"."""
    import csv

    from django.http import HttpResponse

    from clinic.audit import audit_record

    site, _can_manage = site_for_user(request.user, slug, manage=True)
    season = season_for_site(site=site)
    labels = _season_labels(season)
    tables = _season_tables(season, labels)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="season-{site.slug}-{season.today:%Y-%m-%d}.csv"'
    writer = csv.writer(response)
    writer.writerow(["site", "period", "period_start", "measure", "category", "language", "count", "estimated_dollars"])
    for index, period in enumerate(season.periods):
        base = [site.slug, period.key, period.since.isoformat()]
        writer.writerow([*base, "households", "", "", _csv_value(period.households), ""])
        writer.writerow([*base, "anonymous_screenings", "", "", _csv_value(period.screenings), ""])
        for row in tables["credit_rows"]:
            line = row["cells"][index]
            writer.writerow([*base, "credit_found", row["key"], "", _csv_value(line.found), _csv_value(line.dollars)])
        for row in tables["id_type_rows"]:
            writer.writerow([*base, "filer_id_type", row["key"], "", _csv_value(row["cells"][index]), ""])
        for row in tables["print_rows"]:
            writer.writerow([*base, "printed", row["topic"], row["language"], _csv_value(row["cells"][index]), ""])
    for bar in season.weeks:
        writer.writerow([site.slug, "week", bar.week.isoformat(), "households", "", "", _csv_value(bar.households), ""])
    audit_record(actor=request.user, action=AuditEntry.Action.EXPORT, site=site, data={"format": "csv"})
    return response
