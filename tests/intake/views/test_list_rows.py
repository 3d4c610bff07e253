"""The desk list's rows show what the template filters showed before they were worked out in
Python (intake/views.py ``_list_rows``; intake/selectors.py ``code_url``): same links, status and
dates, in each interface language."""

from __future__ import annotations

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import translation

from intake.models import Household
from intake.services import household_open

LIST = reverse("intake:household-list")
VALUES = {"filing_status": "single", "taxpayer_id_type": "itin", "taxpayer_age": 30}
ROW = engines["django"].from_string(
    '{{ h.get_status_display }}|{{ h.last_visit_at|date:"SHORT_DATETIME_FORMAT" }}|'
    '{{ h.purge_after|date:"SHORT_DATE_FORMAT" }}'
)


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_row_shows_what_the_filters_show(client, volunteer_a, site_a, language):
    opened = household_open(site=site_a, user=volunteer_a, values=VALUES, dependents=[])
    closed = household_open(site=site_a, user=volunteer_a, values=VALUES, dependents=[])
    Household.objects.filter(pk=closed.pk).update(status=Household.Status.CLOSED)
    client.force_login(volunteer_a)
    html = client.get(LIST, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for household in Household.objects.filter(pk__in=[opened.pk, closed.pk]):
        with translation.override(language):
            status, visited, purge = ROW.render({"h": household}).split("|")
        assert f"<td>{status}</td>" in html
        assert f"<td>{visited}</td>" in html
        assert f'<span class="nowrap">{purge}</span>' in html
        assert f'href="{household.get_absolute_url()}"' in html
    close = reverse("intake:household-close", kwargs={"code": opened.code})
    assert f'action="{close}"' in html
    assert reverse("intake:household-close", kwargs={"code": closed.code}) not in html
