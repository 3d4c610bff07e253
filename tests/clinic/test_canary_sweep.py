"""Canary sweep (security-references §5 #17): personal values end up nowhere but encrypted columns.

Every free-text value a client gives is a unique canary; ID types are choices, so their raw values
are the canaries for those. The whole flow runs through the real forms — consent, record, edit,
anonymous screening, find, every page, print the client summary, a forced server error with a
canary in the request — and then the canaries are
looked for in every log record, every outgoing mail, every URL and redirect, the cache, the
sessions, response cookies, and every unencrypted text column of every table (raw SQL). After
consent is withdrawn, no column at all may hold them.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import pickle  # noqa: S403 - reads back the test's own cache
import secrets
import string
import zlib

import pytest
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse

from clinic.crypto import EncryptedTextField
from tests.logcapture import project_log
from tests.walk import World, forms_on, iter_routes

pytestmark = pytest.mark.django_db

# ID types chosen to be rare and long enough not to occur by chance in other text.
ID_TYPE_CANARIES = {"taxpayer": "itin_expired", "spouse": "ssn_not_valid_for_employment", "dependent": "applying"}
# Content tables legitimately mention ID types ("ITIN", "applying") in their public text.
CONTENT_TABLES = {"counseling_handoutversion", "counseling_courtordersummary", "counseling_courtorder", "counseling_topic"}
# Aggregate by design: holds ID types as counts, never next to anything about a person.
AGGREGATE_TABLES = {"clinic_seasoncounter"}


def _canary(field: str) -> str:
    # Letters only: a run of random digits could look like an ID number and be refused by the form.
    return "cnry" + field + "".join(secrets.choice(string.ascii_lowercase) for _ in range(12))


class Sweep:
    def __init__(self):
        self.text = {name: _canary(name) for name in ("nick", "note", "nicktwo", "notetwo", "screen", "boom")}
        self.urls: list[str] = []
        self.cookies: list[str] = []

    def record(self, response):
        self.urls.append(response.request["PATH_INFO"] + "?" + response.request.get("QUERY_STRING", ""))
        for hop, _status in getattr(response, "redirect_chain", []):
            self.urls.append(hop)
        if response.has_header("Location"):
            self.urls.append(response["Location"])
        self.cookies.extend(morsel.value for morsel in response.cookies.values())
        return response


def _unencrypted_text_columns():
    from django.db import models

    for model in apps.get_models():
        table = model._meta.db_table
        for field in model._meta.local_concrete_fields:
            if isinstance(field, EncryptedTextField):
                continue
            if isinstance(field, models.CharField | models.TextField | models.JSONField | models.SlugField):
                yield table, field.column


def _all_text_columns():
    for model in apps.get_models():
        for field in model._meta.local_concrete_fields:
            yield model._meta.db_table, field.column


def _column_values(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        q = connection.ops.quote_name
        cursor.execute(f"SELECT {q(column)} FROM {q(table)}")  # noqa: S608 - names from the ORM
        return [str(row[0]) for row in cursor.fetchall() if row[0] is not None]


def _sessions_text() -> str:
    return " ".join(repr(SessionStore().decode(s.session_data)) for s in Session.objects.all())


def _readable(value) -> str:
    """Text of a cached value; a cached PDF is searched by its extracted text too."""
    if isinstance(value, bytes) and value.startswith(b"%PDF"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(value))
        return " ".join(page.extract_text() or "" for page in reader.pages)
    return repr(value)


def _cache_text() -> str:
    """Every entry of every configured cache: in-memory stores and the file-based handout cache."""
    texts = []
    for alias in caches:
        cache = caches[alias]
        store = getattr(cache, "_cache", {})
        for key, value in list(store.items()):
            texts.append(str(key))
            try:
                texts.append(_readable(pickle.loads(value)))  # noqa: S301 - the test's own cache
            except Exception:  # noqa: BLE001 - not a pickle: search the bytes
                texts.append(repr(value))
        directory = getattr(cache, "_dir", None)  # FileBasedCache: pickled expiry + zlib(pickle(value))
        if directory and os.path.isdir(directory):
            for name in sorted(os.listdir(directory)):
                with open(os.path.join(directory, name), "rb") as handle:
                    try:
                        pickle.load(handle)  # noqa: S301 - the expiry time
                        texts.append(_readable(pickle.loads(zlib.decompress(handle.read()))))  # noqa: S301
                    except Exception:  # noqa: BLE001 - not an entry: search the bytes
                        handle.seek(0)
                        texts.append(repr(handle.read()))
    return " ".join(texts)


def test_the_sweep_searches_the_file_based_handout_cache():
    from django.core.cache.backends.filebased import FileBasedCache

    handouts = caches["handouts"]
    assert isinstance(handouts, FileBasedCache)
    marker = f"cache-canary-{secrets.token_hex(4)}"
    handouts.set(f"sweep-self-check-{marker}", {"text": marker})
    try:
        assert marker in _cache_text()
    finally:
        handouts.delete(f"sweep-self-check-{marker}")


def _find(canaries, haystack: str) -> list[str]:
    return [c for c in canaries if c in haystack]


@pytest.fixture
def boom_urls(settings):
    settings.ROOT_URLCONF = "tests.clinic.boom_urls"
    settings.DEBUG = False


def _household_form(sweep: Sweep, nickname: str, notes: str) -> dict:
    """A POST body for the real household form, every free-text box a canary."""
    return {
        "filing_status": "married_filing_jointly",
        "taxpayer_id_type": ID_TYPE_CANARIES["taxpayer"],
        "taxpayer_age": "41",
        "spouse_id_type": ID_TYPE_CANARIES["spouse"],
        "spouse_age": "39",
        "wages": "23,456",
        "self_employment_income": "",
        "other_income": "",
        "investment_income": "",
        "language": "es",
        "nickname": nickname,
        "notes": notes,
        "dependents-TOTAL_FORMS": "1",
        "dependents-INITIAL_FORMS": "0",
        "dependents-MIN_NUM_FORMS": "0",
        "dependents-MAX_NUM_FORMS": "12",
        "dependents-0-id_type": ID_TYPE_CANARIES["dependent"],
        "dependents-0-age": "7",
        "dependents-0-months_lived_with_filer": "12",
    }


def test_canaries_reach_no_log_mail_url_cache_session_or_plaintext_column(
    boom_urls, site_a, volunteer_a, coordinator_a, caplog
):
    with contextlib.ExitStack() as stack:
        _sweep(stack, site_a, volunteer_a, coordinator_a, caplog)


def _sweep(stack, site_a, volunteer_a, coordinator_a, caplog):
    from intake.models import Household

    caplog.set_level(logging.DEBUG)
    # No filter is added here: records reach caplog after the project's own handler has scrubbed
    # them, and what that handler writes is captured and searched too (tests/logcapture.py).
    server_log = stack.enter_context(project_log())
    sweep = Sweep()
    client = Client(raise_request_exception=False)
    client.force_login(volunteer_a)

    # Record through the real forms: consent, then the household form.
    consent = sweep.record(client.post(reverse("intake:household-consent"), {"client_agreed": "on"}))
    assert consent.status_code == 302
    create_url = consent["Location"]
    page = sweep.record(client.get(create_url))
    hidden = {name: value for kind, name, value in forms_on(page.content.decode())[-1]["fields"] if kind == "hidden"}
    created = sweep.record(
        client.post(reverse("intake:household-create"), {**hidden, **_household_form(sweep, sweep.text["nick"], sweep.text["note"])})
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    household = Household.objects.get()
    assert household.nickname == sweep.text["nick"]

    # Edit through the real form, with the version it carries.
    edit_url = reverse("intake:household-edit", kwargs={"code": household.code})
    page = sweep.record(client.get(edit_url))
    hidden = {name: value for kind, name, value in forms_on(page.content.decode())[-1]["fields"] if kind == "hidden"}
    edited = sweep.record(client.post(edit_url, {**hidden, **_household_form(sweep, sweep.text["nicktwo"], sweep.text["notetwo"])}))
    assert edited.status_code == 302, edited.content.decode()[:2000]
    household.refresh_from_db()
    assert household.notes == sweep.text["notetwo"]

    # Anonymous screening with canaries: nothing may be kept, and neither when its summary (and
    # everything) is printed from the results page.
    screening_answers = _household_form(sweep, sweep.text["screen"], sweep.text["screen"])
    sweep.record(client.post(reverse("intake:screening"), screening_answers, follow=True))
    for extra in ({}, {"print-everything": "1"}):
        printed = sweep.record(
            client.post(reverse("intake:screening-summary"), {**screening_answers, "print-language": "es", **extra})
        )
        assert printed["Content-Type"] == "application/pdf"
    # Find by code, as a volunteer does.
    sweep.record(client.post(reverse("intake:household-find"), {"code": household.code}, follow=True))

    # Every page there is, as the volunteer and as the coordinator.
    world = World(site_a=site_a, site_b=None, household=household)
    for user in (volunteer_a, coordinator_a):
        client.force_login(user)
        for route in iter_routes():
            if route.namespace == "admin" or route.name in ("logout",):
                continue
            sweep.record(client.get(world.url(route), follow=True))
    # Print the client summary with the nickname on it.
    summary = reverse("counseling:client-summary", kwargs={"code": household.code})
    sweep.record(client.post(summary, {"language": "es", "include_nickname": "on"}))
    # A forced server error while a canary is in the request.
    sweep.record(client.post("/boom/", {"notes": sweep.text["boom"]}))

    canaries = list(sweep.text.values())
    logs = caplog.text + " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert _find(canaries, logs) == [], "canary in a log record"
    assert "builtins.ValueError" in server_log.getvalue(), "the forced error never reached the project's log"
    assert _find(canaries, server_log.getvalue()) == [], "canary in the server's log"
    assert _find(canaries, " ".join(f"{m.subject} {m.body} {m.to}" for m in mail.outbox)) == [], "canary in mail"
    assert _find(canaries, " ".join(sweep.urls)) == [], "canary in a URL"
    assert _find(canaries, " ".join(sweep.cookies)) == [], "canary in a cookie"
    assert _find(canaries, _cache_text()) == [], "canary in the cache"
    assert _find(canaries, _sessions_text()) == [], "canary in a session"
    for table, column in _unencrypted_text_columns():
        values = " ".join(_column_values(table, column))
        assert _find(canaries, values) == [], f"canary in {table}.{column}"
        if table not in CONTENT_TABLES | AGGREGATE_TABLES:
            assert [t for t in ID_TYPE_CANARIES.values() if t in values] == [], f"ID type in {table}.{column}"

    # Withdrawing consent leaves no trace in any column, encrypted or not.
    client.force_login(volunteer_a)
    withdraw = reverse("intake:consent-withdraw", kwargs={"code": household.code})
    sweep.record(client.post(withdraw, {"confirmation": household.code}))
    assert not Household.objects.filter(pk=household.pk).exists()
    for table, column in _all_text_columns():
        values = " ".join(_column_values(table, column))
        assert _find(canaries, values) == [], f"canary left in {table}.{column}"
        assert household.code not in values, f"visit code left in {table}.{column}"


def test_new_verbs_replayed_tokens_sign_ins_and_the_purge_leak_no_canary_or_visit_code(
    boom_urls, site_a, volunteer_a, caplog
):
    """December 2026 review: unmeant verbs, a replayed consent token, lockout records, the purge."""
    import datetime as dt

    from axes.models import AccessAttempt, AccessLog

    from clinic import clock
    from intake.models import Household
    from intake.shredders import purge_expired

    caplog.set_level(logging.DEBUG)
    # No filter is added here either: what the project's own handler writes is searched too.
    server_log_context = project_log()
    server_log = server_log_context.__enter__()
    sweep = Sweep()
    client = Client(raise_request_exception=False)
    client.force_login(volunteer_a)
    consent = sweep.record(client.post(reverse("intake:household-consent"), {"client_agreed": "on"}))
    page = sweep.record(client.get(consent["Location"]))
    hidden = {name: value for kind, name, value in forms_on(page.content.decode())[-1]["fields"] if kind == "hidden"}
    body = {**hidden, **_household_form(sweep, sweep.text["nick"], sweep.text["note"])}
    assert sweep.record(client.post(reverse("intake:household-create"), body)).status_code == 302
    household = Household.objects.get()

    # Every URL answers OPTIONS, TRACE, PUT, PATCH and DELETE with an empty 405, canaries in the body.
    world = World(site_a=site_a, site_b=None, household=household)
    for route in iter_routes():
        for method in ("OPTIONS", "TRACE", "PUT", "PATCH", "DELETE"):
            response = client.generic(method, world.url(route), data=f"notes={sweep.text['boom']}")
            assert response.status_code == 405 and response.content == b"", f"{method} {route.name}"
            assert sweep.text["nick"] not in response.content.decode()

    # The same consent token replayed after withdrawal records nothing, canaries and all.
    withdraw = reverse("intake:consent-withdraw", kwargs={"code": household.code})
    sweep.record(client.post(withdraw, {"confirmation": household.code}))
    replay = sweep.record(client.post(reverse("intake:household-create"), {**body, "notes": sweep.text["notetwo"]}))
    assert replay.status_code == 302 and not Household.objects.exists()

    # A failed sign-in that would return to a household page keeps no visit code.
    Client().post(
        reverse("login") + f"?next=/intake/households/{household.code}/edit/",
        {"username": volunteer_a.username, "password": "wrong-password-here"},
        REMOTE_ADDR="192.0.2.99",
    )
    assert household.code not in repr(list(AccessAttempt.objects.values()))

    # Purge an expired household: afterwards its code is in no column and its ID type in no plaintext one.
    again = sweep.record(client.post(reverse("intake:household-consent"), {"client_agreed": "on"}))
    page = sweep.record(client.get(again["Location"]))
    hidden = {name: value for kind, name, value in forms_on(page.content.decode())[-1]["fields"] if kind == "hidden"}
    sweep.record(client.post(reverse("intake:household-create"), {**hidden, **_household_form(sweep, sweep.text["nicktwo"], sweep.text["screen"])}))
    second = Household.objects.get()
    sweep.record(client.get(reverse("intake:household-edit", kwargs={"code": second.code})))
    Household.objects.filter(pk=second.pk).update(purge_after=clock.today() - dt.timedelta(days=1))
    assert purge_expired().purged == 1
    canaries = list(sweep.text.values())
    for table, column in _all_text_columns():
        values = " ".join(_column_values(table, column))
        assert _find(canaries, values) == [], f"canary left in {table}.{column}"
        assert second.code not in values and household.code not in values, f"visit code left in {table}.{column}"
    for table, column in _unencrypted_text_columns():
        values = " ".join(_column_values(table, column))
        assert [t for t in ID_TYPE_CANARIES.values() if t in values] == [], f"ID type in {table}.{column}"
    sign_ins = repr(list(AccessLog.objects.values()))
    assert second.code not in sign_ins and household.code not in sign_ins
    server_log_context.__exit__(None, None, None)
    logs = caplog.text + " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records) + server_log.getvalue()
    assert _find(canaries, logs) == [], "canary in a log record"
    assert _find(canaries, " ".join(sweep.urls)) == [], "canary in a URL"
