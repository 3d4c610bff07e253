"""No ID number anywhere (docs/architecture.md, privacy principle 1).

1. Walk the models: every text column of the project's apps is a choice, a code, or refuses
   anything shaped like an SSN/ITIN.
2. Walk the forms: every form on every page (found by rendering every URL) is submitted with a
   unique number-shaped canary in each text box; afterwards the canaries are in no table (raw and
   decrypted), no log record, no mail, no session, no cache and no URL.
"""

from __future__ import annotations

import logging
import secrets
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection, models
from django.test import Client

from clinic.crypto import EncryptedTextField
from clinic.errors import ScrubRecordFilter
from clinic.validators import reject_tin_shaped
from tests.walk import FormCollector, World, iter_routes

PROJECT_APPS = ("clinic", "intake", "counseling")
# Text columns that are codes or fixed values, not free text a person types about a client.
CODE_FIELDS = {
    "intake.Household.code": "random visit code, generated",
    "intake.Household.language": "a language code from the form's fixed list",
    "intake.Household.submission_token": "random idempotency token, generated",
    "clinic.AuditEntry.visit_code": "a visit code",
    "clinic.SeasonCounter.id_type": "an ID-type code copied from a choice field",
    "clinic.SeasonCounter.credit": "a credit key from the rules",
    "clinic.SeasonCounter.status": "a status code from the rules",
    "clinic.ActivityCounter.topic": "a handout topic slug, or \"summary\"",
    "clinic.ActivityCounter.language": "a handout language code",
}
# Free text typed by staff about the clinic or its public content, never about a client.
NOT_ABOUT_CLIENTS = {"clinic.Site", "counseling.Topic", "counseling.HandoutVersion", "counseling.CourtOrder",
                     "counseling.CourtOrderSummary"}


def _runs_tin_check(field) -> bool:
    return any(getattr(v, "__name__", "") == reject_tin_shaped.__name__ for v in field.validators)


def test_every_text_column_is_a_choice_a_code_or_refuses_tin_shaped_text():
    offenders = []
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            if model._meta.label in NOT_ABOUT_CLIENTS:
                continue
            for field in model._meta.local_concrete_fields:
                if not isinstance(field, models.CharField | models.TextField):
                    continue
                label = f"{model._meta.label}.{field.name}"
                if field.choices or isinstance(field, models.SlugField) or label in CODE_FIELDS:
                    continue
                if not _runs_tin_check(field):
                    offenders.append(label)
    assert offenders == [], f"add choices or validators=[reject_tin_shaped] to: {offenders}"


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["taxpayer_id_type", "spouse_id_type"])
def test_an_id_type_column_cannot_hold_a_number(site_a, field):
    from django.core.exceptions import ValidationError

    from intake.models import Household

    household = Household(site=site_a, filing_status="married_filing_jointly", taxpayer_id_type="itin", taxpayer_age=30)
    setattr(household, field, "912-70-1234")
    with pytest.raises(ValidationError) as error:
        household.full_clean(exclude=["created_at", "updated_at", "last_visit_at", "purge_after"])
    assert field in error.value.message_dict


# --- every form -------------------------------------------------------------------------------


def tin_canary() -> str:
    """Return a unique ITIN-shaped value: 9NN-7N-NNNN."""
    digits = f"{secrets.randbelow(10**7):07d}"
    return f"9{digits[:2]}-7{digits[2]}-{digits[3:]}"


def _fill(fields, canaries: list[str]) -> dict:
    data: dict[str, object] = {}
    for kind, name, value in fields:
        if kind in ("text", "search", "textarea", "email", "tel", "url", "password"):
            canary = tin_canary()
            canaries.append(canary)
            data[name] = canary
        elif kind in ("hidden", "select") or kind == "submit":
            if value is not None:
                data.setdefault(name, value)
        elif kind in ("checkbox", "radio"):
            data.setdefault(name, value or "on")
        elif kind == "number":
            data[name] = "1"
    return data


def _everything_stored() -> str:
    texts = []
    for model in apps.get_models():
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - names from the ORM
            texts.append(repr(cursor.fetchall()))
        encrypted = [f.name for f in model._meta.local_concrete_fields if isinstance(f, EncryptedTextField)]
        if encrypted:
            texts.extend(repr(row) for row in model._base_manager.values_list(*encrypted))
    texts.extend(repr(SessionStore().decode(s.session_data)) for s in Session.objects.all())
    return " ".join(texts)


@pytest.mark.django_db
def test_a_number_shaped_canary_typed_into_every_form_is_found_nowhere(
    site_a, site_b, volunteer_a, coordinator_a, make_household, caplog
):
    caplog.set_level(logging.DEBUG)
    caplog.handler.addFilter(ScrubRecordFilter())
    world = World(site_a=site_a, site_b=site_b, household=make_household(site_a, volunteer_a))
    canaries: list[str] = []
    urls: list[str] = []
    submitted = 0
    pages = [("anonymous", "/accounts/login/")] + [
        (persona, world.url(route))
        for route in iter_routes()
        if route.namespace != "admin" and route.name not in ("logout",)
        for persona in ("volunteer_a", "coordinator_a")
    ]
    users = {"volunteer_a": volunteer_a, "coordinator_a": coordinator_a}
    for persona, page_url in pages:
        client = Client(raise_request_exception=False)
        if persona in users:
            client.force_login(users[persona])
        page = client.get(page_url, follow=True)
        if "html" not in page.get("Content-Type", ""):
            continue
        collector = FormCollector()
        collector.feed(page.content.decode())
        for form in collector.forms:
            action = urljoin(page.request["PATH_INFO"], form["action"] or page.request["PATH_INFO"])
            if urlsplit(action).path in ("/accounts/logout/", "/i18n/setlang/"):
                continue
            data = _fill(form["fields"], canaries)
            if not any(c in str(v) for c in canaries for v in data.values()):
                continue
            if persona in users:
                client.force_login(users[persona])
            response = client.post(action, data) if form["method"] == "post" else client.get(action, data)
            submitted += 1
            urls.append(action)
            urls.extend(hop for hop, _status in getattr(response, "redirect_chain", []))
            if response.has_header("Location"):
                urls.append(response["Location"])
            assert response.status_code < 500, f"{action}: {response.status_code}"
    assert submitted >= 2, "the walk found almost no forms to fill"
    stored = _everything_stored()
    logs = caplog.text + " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    outgoing = " ".join(f"{m.subject} {m.body}" for m in mail.outbox)
    for canary in canaries:
        for where, text in (("the database", stored), ("a log record", logs), ("mail", outgoing), ("a URL", " ".join(urls))):
            assert canary not in text, f"a number-shaped canary reached {where}"
            assert canary.replace("-", "") not in text, f"a number-shaped canary reached {where}"
