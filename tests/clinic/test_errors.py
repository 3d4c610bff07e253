"""No personal data in error pages, error reports or log records."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.test import Client, RequestFactory
from django.views.debug import ExceptionReporter

from clinic.errors import HideEverythingFilter, ScrubRecordFilter
from tests.clinic.boom_urls import CANARY_IN_EXCEPTION

pytestmark = pytest.mark.django_db

NOTE_CANARY = "canary-note-errors-8812"


@pytest.fixture
def boom(settings):
    settings.ROOT_URLCONF = "tests.clinic.boom_urls"
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def test_a_server_error_shows_a_plain_page_without_a_traceback(boom):
    response = boom.post("/boom/", {"notes": NOTE_CANARY})
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    for leak in ("Traceback", "ValueError", NOTE_CANARY, CANARY_IN_EXCEPTION, "boom_urls"):
        assert leak not in body


def test_a_server_error_page_is_in_the_readers_language_and_says_so(boom):
    response = boom.post("/boom/", {"notes": NOTE_CANARY}, HTTP_ACCEPT_LANGUAGE="es")
    body = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="es">' in body and "Something went wrong" not in body


def test_a_server_error_logs_what_and_where_but_not_the_message(boom, caplog):
    caplog.set_level(logging.ERROR)
    # caplog's handler sits outside the project's handler chain; put the project filter on it.
    caplog.handler.addFilter(ScrubRecordFilter())
    boom.post("/boom/", {"notes": NOTE_CANARY})
    text = caplog.text + " ".join(str(r.__dict__) for r in caplog.records)
    assert "builtins.ValueError" in text and "boom_urls.py" in text
    assert NOTE_CANARY not in text and CANARY_IN_EXCEPTION not in text
    assert mail.outbox == []


def test_the_project_logging_config_scrubs_every_record_on_its_handler():
    from django.conf import settings

    console = settings.LOGGING["handlers"]["console"]
    assert "scrub" in console["filters"]
    assert settings.LOGGING["filters"]["scrub"]["()"] == "clinic.errors.ScrubRecordFilter"
    assert settings.ADMINS == [] and "mail_admins" not in str(settings.LOGGING)


def test_the_filter_drops_the_request_and_the_exception_text():
    try:
        raise ValueError(NOTE_CANARY)
    except ValueError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/x/",), sys.exc_info())
    record.request = object()
    assert ScrubRecordFilter().filter(record) is True
    assert record.request is None and record.exc_info is None
    assert NOTE_CANARY not in logging.Formatter().format(record)
    assert "Internal Server Error: /x/" in record.getMessage()


@pytest.mark.parametrize(("status", "path"), [(404, "/intake/households/NOPE-NOPE/"), (404, "/no-such-page/")])
def test_not_found_pages_are_plain(client, volunteer_a, settings, status, path):
    settings.DEBUG = False
    client.force_login(volunteer_a)
    response = client.get(path)
    assert response.status_code == status
    assert "Not found" in response.content.decode()


def test_the_forbidden_page_is_plain(client, site_a, volunteer_a, editor_a, make_household, settings):
    from django.urls import reverse

    settings.DEBUG = False
    household = make_household(site_a, volunteer_a)
    client.force_login(editor_a)
    response = client.post(reverse("intake:consent-withdraw", kwargs={"code": household.code}), {"confirmation": "x"})
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()


def test_an_error_report_hides_every_parameter_variable_and_setting(settings):
    settings.DEFAULT_EXCEPTION_REPORTER_FILTER = "clinic.errors.HideEverythingFilter"
    request = RequestFactory().post("/intake/", {"notes": NOTE_CANARY}, HTTP_X_NOTE=NOTE_CANARY)
    request.COOKIES["sessionid"] = NOTE_CANARY
    settings.SOME_SETTING_WITH_A_VALUE = NOTE_CANARY

    def fail(notes):
        raise RuntimeError("boom")

    try:
        fail(NOTE_CANARY)
    except RuntimeError:
        import sys

        reporter = ExceptionReporter(request, *sys.exc_info())
    assert isinstance(reporter.filter, HideEverythingFilter)
    assert NOTE_CANARY not in reporter.get_traceback_text()
    assert NOTE_CANARY not in reporter.get_traceback_html()
