"""Security claims of docs/security.md observed as behaviour, with nothing installed by the test.

* The CSP and ``no-store`` on every response of every route the walk knows, PDFs included.
* Error reports under the project's own settings (the test sets no filter).
* Log records through the project's own handler (the test adds no filter).
* The lockout still holds at 14:59 and is over at 15:01.
* The handout admin refuses staff who are not content editors.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import sys

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.debug import ExceptionReporter

from tests.clinic.boom_urls import CANARY_IN_EXCEPTION
from tests.walk import World, iter_routes

pytestmark = pytest.mark.django_db

CANARY = "canary-behaviour-5521"
EXPECTED_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
# Routes that must answer 200 with a PDF for some persona, so the PDF half is never vacuous.
PDF_ROUTES = {"counseling:handout-pdf", "counseling:version-preview"}


def _csp(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.fixture
def world(site_a, site_b, volunteer_a, make_household):
    return World(site_a=site_a, site_b=site_b, household=make_household(site_a, volunteer_a))


def test_every_response_of_every_route_is_no_store_and_every_page_has_the_full_csp(
    world, coordinator_a, editor_a, settings
):
    settings.DEBUG = False
    seen_ok: dict[str, set[str]] = {}
    failures = []
    for persona in (coordinator_a, editor_a):
        client = Client()
        client.force_login(persona)
        for route in iter_routes():
            url = world.url(route)
            response = client.get(url)
            kind = response.get("Content-Type", "").split(";")[0]
            if response.status_code == 200:
                seen_ok.setdefault(route.name, set()).add(kind)
            if "no-store" not in response.get("Cache-Control", ""):
                failures.append(f"{persona.username} GET {route.name} ({response.status_code} {kind}): no no-store")
            if kind == "text/html":
                try:
                    csp = _csp(response)
                except AssertionError as exc:
                    failures.append(f"{persona.username} GET {route.name}: {exc}")
                    continue
                if csp != EXPECTED_CSP:
                    failures.append(f"{persona.username} GET {route.name}: CSP {csp}")
    assert failures == []
    for name in PDF_ROUTES:
        assert "application/pdf" in seen_ok.get(name, set()), f"{name} never answered a PDF: {seen_ok.get(name)}"
    assert "text/html" in seen_ok["intake:household-detail"]


def test_a_handout_pdf_is_no_store(client, volunteer_a):
    client.force_login(volunteer_a)
    response = client.get(reverse("counseling:handout-pdf", kwargs={"topic": "itin", "language": "es"}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]


def test_a_server_error_report_under_the_project_settings_hides_the_clients_words():
    # No settings override: this is the reporter Django builds for the project.
    request = RequestFactory().post("/intake/", {"notes": CANARY}, HTTP_X_NOTE=CANARY)
    request.COOKIES["sessionid"] = CANARY

    def fail(notes):
        raise RuntimeError("boom")

    try:
        fail(CANARY)
    except RuntimeError:
        reporter = ExceptionReporter(request, *sys.exc_info())
    text, html = reporter.get_traceback_text(), reporter.get_traceback_html()
    assert "RuntimeError" in text
    assert CANARY not in text and CANARY not in html


@pytest.fixture
def project_log():
    """Capture what the project's own console handler writes (its filters and formatter as configured)."""
    handler = next(h for h in logging.getLogger("django.request").handlers if isinstance(h, logging.StreamHandler))
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_a_server_error_reaches_the_log_without_the_message_through_the_project_handler(project_log, settings):
    settings.ROOT_URLCONF = "tests.clinic.boom_urls"
    settings.DEBUG = False
    response = Client(raise_request_exception=False).post("/boom/", {"notes": CANARY})
    assert response.status_code == 500
    text = project_log.getvalue()
    assert "builtins.ValueError" in text and "boom_urls.py" in text
    assert CANARY not in text and CANARY_IN_EXCEPTION not in text


def test_a_warning_with_an_exception_is_scrubbed_by_the_root_handler(project_log):
    # Any module's logger reaches the root handler: the scrub filter sits there too.
    try:
        raise ValueError(CANARY)
    except ValueError:
        logging.getLogger("intake.somewhere").warning("could not do it", exc_info=True)
    text = project_log.getvalue()
    assert "could not do it" in text and "builtins.ValueError" in text
    assert CANARY not in text


PASSWORD = "correct-horse-battery-staple"


def _login(client, password):
    return client.post(reverse("login"), {"username": "volunteer-a", "password": password}, REMOTE_ADDR="192.0.2.10")


@pytest.mark.parametrize(("minutes", "locked"), [(14, True), (14.98, True), (15.02, False)])
def test_the_lockout_holds_for_the_whole_fifteen_minutes(client, volunteer_a, monkeypatch, minutes, locked):
    start = timezone.now()
    monkeypatch.setattr("axes.handlers.proxy.now", lambda: start)
    for attempt in range(5):
        _login(client, f"wrong-{attempt}")
    assert _login(client, PASSWORD).status_code == 429
    later = start + dt.timedelta(minutes=minutes)
    monkeypatch.setattr("axes.handlers.proxy.now", lambda: later)
    assert _login(client, PASSWORD).status_code == (429 if locked else 302)


ADMIN_PAGES = ("admin:counseling_handoutversion_changelist", "admin:counseling_topic_changelist",
               "admin:counseling_handoutversion_add")


@pytest.fixture
def staff(django_user_model, site_a):
    from clinic.models import Membership

    def make(username, role):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD, is_staff=True)
        if role:
            Membership.objects.create(user=user, site=site_a, role=role)
        return user

    return make


@pytest.mark.parametrize("page", ADMIN_PAGES)
@pytest.mark.parametrize("role", [None, "volunteer", "coordinator"])
def test_staff_who_are_not_content_editors_are_refused_in_the_handout_admin(client, staff, page, role):
    client.force_login(staff(f"staff-{role}", role))
    assert client.get(reverse(page)).status_code == 403


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_a_staff_content_editor_may_use_the_handout_admin(client, staff, page):
    client.force_login(staff("staff-editor", "editor"))
    assert client.get(reverse(page)).status_code == 200


def test_an_editor_who_is_not_staff_is_sent_to_the_admin_sign_in(client, editor_a):
    client.force_login(editor_a)
    response = client.get(reverse(ADMIN_PAGES[0]))
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
