"""A site's referral list: edited by its coordinator, per language where the text differs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clinic.models import Referral


def _url(site):
    return reverse("sites:referrals-edit", kwargs={"slug": site.slug})


def _post(lines, hours="Tue 5–8 pm", hours_es=""):
    data = {
        "form-TOTAL_FORMS": str(len(lines)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "hours": hours,
        "hours_es": hours_es,
    }
    for index, line in enumerate(lines):
        for key, value in line.items():
            data[f"form-{index}-{key}"] = value
    return data


LEGAL = {"kind": "legal", "name": "Legal Aid Example", "phone": "(555) 010-0200", "hours": "Mon 9–5",
         "note": "Free", "name_es": "Ayuda Legal de Ejemplo", "hours_es": "lun. de 9 a 5", "note_es": ""}
W7 = {"kind": "w7", "name": "W-7 Desk Example", "phone": "(555) 010-0201"}


def test_a_coordinator_saves_the_list_in_order_with_spanish_where_it_differs(client, coordinator_a, site_a):
    client.force_login(coordinator_a)
    response = client.post(_url(site_a), _post([LEGAL, {"kind": "other", "name": ""}, W7], hours_es="mar. de 5 a 8"))
    assert response.status_code == 302
    legal, w7 = Referral.objects.filter(site=site_a)
    assert (legal.kind, w7.kind) == ("legal", "w7")
    assert legal.text_in("es") == {"name": "Ayuda Legal de Ejemplo", "hours": "lun. de 9 a 5", "note": "Free",
                                   "phone": "(555) 010-0200", "kind": "legal"}
    assert legal.text_in("en")["name"] == "Legal Aid Example"
    assert w7.text_in("es")["name"] == "W-7 Desk Example"  # no Spanish given: the default text prints
    site_a.refresh_from_db()
    assert (site_a.hours_in("es"), site_a.hours_in("en"), site_a.hours_in("vi")) == ("mar. de 5 a 8", "Tue 5–8 pm", "Tue 5–8 pm")
    page = client.get(_url(site_a)).content.decode()
    assert "Ayuda Legal de Ejemplo" in page and "no-store" in client.get(_url(site_a))["Cache-Control"]


def test_saving_again_replaces_the_list(client, coordinator_a, site_a):
    client.force_login(coordinator_a)
    client.post(_url(site_a), _post([LEGAL, W7]))
    client.post(_url(site_a), _post([W7]))
    assert list(Referral.objects.filter(site=site_a).values_list("kind", flat=True)) == ["w7"]


def test_a_line_without_a_name_is_refused_and_nothing_entered_is_lost(client, coordinator_a, site_a):
    client.force_login(coordinator_a)
    client.post(_url(site_a), _post([W7]))
    response = client.post(_url(site_a), _post([{"kind": "legal", "name": "", "phone": "(555) 010-0999"}]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give this line a name" in html and "(555) 010-0999" in html
    assert list(Referral.objects.filter(site=site_a).values_list("kind", flat=True)) == ["w7"]


@pytest.mark.parametrize("persona", ["volunteer_a", "editor_a"])
def test_only_the_sites_coordinator_edits_it(client, request, persona, site_a, site_b, coordinator_a):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(site_a)).status_code == 403
    assert client.post(_url(site_a), _post([LEGAL])).status_code == 403
    client.force_login(coordinator_a)
    assert client.get(_url(site_b)).status_code == 404
    assert not Referral.objects.exists()


def test_the_demo_site_ships_an_obviously_fake_list(db):
    from clinic.demo import demo_site

    site = demo_site()
    referrals = list(site.referrals.all())
    assert {r.kind for r in referrals} >= {"legal", "w7", "helpline", "irs"}
    for referral in referrals:
        assert "555" in referral.phone and "demo" in referral.name.lower()
        assert referral.text_in("es")["name"] != referral.name
    assert site.hours_in("es") != site.hours


def test_a_change_to_the_list_is_audited_by_field_name_never_by_value(client, coordinator_a, site_a):
    from clinic.models import AuditEntry

    client.force_login(coordinator_a)
    client.post(_url(site_a), _post([LEGAL, W7]))
    first = AuditEntry.objects.filter(site=site_a, action="edit", visit_code="").order_by("-at", "-pk").first()
    assert first is not None and first.actor == coordinator_a
    assert {"hours", "referrals.count", "referrals.name", "referrals.phone", "referrals.kind"} <= set(first.data["fields"])
    assert first.data["count"] == 2

    before = AuditEntry.objects.count()
    client.post(_url(site_a), _post([LEGAL, W7]))  # saved again unchanged: nothing to record
    assert AuditEntry.objects.count() == before

    client.post(_url(site_a), _post([LEGAL, {**W7, "phone": "(555) 010-0299"}]))
    entry = AuditEntry.objects.filter(site=site_a, action="edit").order_by("-at", "-pk").first()
    assert entry.data == {"fields": ["referrals.phone"], "count": 2}
    stored = repr(list(AuditEntry.objects.values_list("data", flat=True)))
    for value in ("(555) 010-0299", "(555) 010-0201", "Legal Aid Example", "W-7 Desk Example", "Tue 5–8 pm"):
        assert value not in stored
