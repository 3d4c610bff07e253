"""/healthz for the load balancer, and a calm 503 when the database is gone (in-process)."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client

pytestmark = pytest.mark.django_db


def _database_gone():
    """Every query in this process fails as if PostgreSQL had gone away."""
    return mock.patch.object(
        type(connections["default"]), "ensure_connection", side_effect=OperationalError("connection refused")
    )


def test_healthz_answers_ok_without_a_session_or_sign_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response and not response.cookies


def test_healthz_answers_whatever_host_the_probe_uses(client):
    # A load balancer probes the backend by its address, not the public host name.
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200


def test_healthz_is_503_with_no_detail_when_the_database_is_gone(client, caplog):
    caplog.set_level(logging.DEBUG)
    with _database_gone():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"
    # No log line per probe, even for a 503.
    assert [r for r in caplog.records if r.name.startswith("django")] == []


def test_healthz_is_503_when_the_keys_do_not_load(client, settings):
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-fernet-key"]
    assert client.get("/healthz").status_code == 503


def test_healthz_is_503_when_the_keys_cannot_decrypt(client):
    with mock.patch("clinic.crypto.decrypt", return_value="something else"):
        assert client.get("/healthz").status_code == 503


def test_healthz_accepts_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_healthz_is_not_logged_when_it_succeeds(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.get("/healthz")
    assert [r for r in caplog.records if r.name.startswith("django")] == []


@pytest.mark.parametrize(
    ("language", "title", "sentence"),
    [
        ("en", "Back in a moment", "Nothing was half-saved"),
        ("es", "Volvemos en un momento", "Nada quedó guardado a medias"),
    ],
)
def test_a_page_answers_a_calm_503_in_the_users_language_when_the_database_is_gone(
    volunteer_a, language, title, sentence
):
    browser = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    browser.force_login(volunteer_a)
    with _database_gone():
        response = browser.get("/intake/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert title in body and sentence in body
    assert f'lang="{language}"' in body
    for leak in ("Traceback", "OperationalError", "connection refused"):
        assert leak not in body
    # Back to normal at once when the database answers again.
    assert browser.get("/intake/").status_code == 200


def test_other_server_errors_stay_500(settings):
    settings.ROOT_URLCONF = "tests.clinic.boom_urls"
    response = Client(raise_request_exception=False).post("/boom/", {"notes": "x"})
    assert response.status_code == 500
