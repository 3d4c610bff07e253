from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from clinic.models import AuditEntry
from intake.models import Household
from intake.services import household_open

LIST = reverse("intake:household-list")
VALUES = {"filing_status": "single", "taxpayer_id_type": "itin", "taxpayer_age": 30, "nickname": "Rosa Secreta"}


def _open(site, user, kids=1):
    return household_open(site=site, user=user, values=VALUES, dependents=[{"id_type": "ssn", "age": 3}] * kids)


def test_it_lists_households_by_visit_code_never_by_name(client, volunteer_a, site_a):
    household = _open(site_a, volunteer_a)
    client.force_login(volunteer_a)
    response = client.get(LIST)
    html = response.content.decode()
    assert household.code in html
    assert "Rosa Secreta" not in html
    assert household.purge_after.strftime("%m/%d/%Y") in html
    assert "no-store" in response["Cache-Control"]


def test_it_lists_only_the_users_sites(client, volunteer_a, volunteer_b, site_a):
    household = _open(site_a, volunteer_a)
    client.force_login(volunteer_b)
    assert household.code not in client.get(LIST).content.decode()


def test_it_lists_open_and_todays_households_not_old_closed_ones(client, volunteer_a, site_a):
    old = _open(site_a, volunteer_a)
    closed_today = _open(site_a, volunteer_a)
    Household.objects.filter(pk=old.pk).update(
        status="closed", last_visit_at=old.last_visit_at - dt.timedelta(days=3)
    )
    Household.objects.filter(pk=closed_today.pk).update(status="closed")
    client.force_login(volunteer_a)
    html = client.get(LIST).content.decode()
    assert old.code not in html
    assert closed_today.code in html


def test_it_pages_by_25(client, volunteer_a, site_a):
    codes = [_open(site_a, volunteer_a, kids=0).code for _ in range(30)]
    client.force_login(volunteer_a)
    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    assert codes[0] in second.content.decode()  # oldest last
    assert client.get(LIST, {"page": "abc"}).status_code == 200
    assert client.get(LIST, {"page": "9999"}).status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_query_count_does_not_grow(client, volunteer_a, site_a, count, django_assert_num_queries):
    for _ in range(count):
        _open(site_a, volunteer_a, kids=3)
    client.force_login(volunteer_a)
    client.get(LIST)
    # session, user, memberships, count, page, dependents of the page, session save (in a savepoint)
    with django_assert_num_queries(9):
        client.get(LIST)


def test_find_by_visit_code_opens_the_household(client, volunteer_a, site_a):
    household = _open(site_a, volunteer_a)
    client.force_login(volunteer_a)
    response = client.post(reverse("intake:household-find"), {"code": household.code.lower().replace("-", "")})
    assert response.status_code == 302
    assert response["Location"] == household.get_absolute_url()


def test_find_answers_the_same_for_another_sites_code_and_an_unknown_one(client, volunteer_a, volunteer_b, site_a):
    household = _open(site_a, volunteer_a)
    client.force_login(volunteer_b)
    theirs = client.post(reverse("intake:household-find"), {"code": household.code})
    unknown = client.post(reverse("intake:household-find"), {"code": "ZZZZ-ZZZZ"})
    assert theirs.status_code == unknown.status_code == 200
    assert "No household with this visit code at your sites." in theirs.content.decode()


def test_find_refuses_an_id_number_and_it_never_reaches_a_url(client, volunteer_a, site_a):
    client.force_login(volunteer_a)
    response = client.post(reverse("intake:household-find"), {"code": "123-45-6789"})
    assert response.status_code == 200
    assert "never records ID numbers" in response.content.decode()


def test_closing_a_visit(client, volunteer_a, site_a):
    household = _open(site_a, volunteer_a)
    client.force_login(volunteer_a)
    url = reverse("intake:household-close", kwargs={"code": household.code})
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.status == "closed"
    assert AuditEntry.objects.filter(action="close", visit_code=household.code).count() == 1
    client.post(url)  # closing twice changes nothing
    assert AuditEntry.objects.filter(action="close", visit_code=household.code).count() == 1


def test_a_reader_cannot_close(client, volunteer_a, editor_a, site_a):
    household = _open(site_a, volunteer_a)
    client.force_login(editor_a)
    assert client.post(reverse("intake:household-close", kwargs={"code": household.code})).status_code == 403
