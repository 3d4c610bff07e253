"""The production access log names routes, never visit codes (review finding 14)."""

from __future__ import annotations

import datetime as dt
import logging
from types import SimpleNamespace

import pytest

from clinic.access_log import RouteOnlyLogger, redact_codes, route_of, route_only_atoms


def test_a_household_url_is_logged_by_its_route():
    assert route_of("/intake/households/K7MQ-4XTP/edit/") == "/intake/households/<str:code>/edit/"
    assert route_of("/counseling/households/K7MQ-4XTP/summary/") == "/counseling/households/<str:code>/summary/"
    assert route_of("/no/such/K7MQ-4XTP/") == "/no/such/<code>/"


def test_every_field_loses_its_visit_code():
    atoms = {
        "U": "/intake/households/K7MQ-4XTP/",
        "q": "next=/intake/households/K7MQ-4XTP/",
        "m": "GET",
        "H": "HTTP/1.1",
        "r": "GET /intake/households/K7MQ-4XTP/?x=1 HTTP/1.1",
        "f": "https://clinic.example.org/intake/households/K7MQ-4XTP/edit/",
        "{location}o": "/intake/households/K7MQ-4XTP/",
        "s": "200",
        "B": 123,
    }
    clean = route_only_atoms(atoms)
    assert "K7MQ-4XTP" not in repr(clean)
    assert clean["U"] == "/intake/households/<str:code>/" and clean["q"] == "" and clean["f"] == "-"
    assert clean["r"] == "GET /intake/households/<str:code>/ HTTP/1.1"
    assert clean["B"] == 123
    assert redact_codes("2026-12-02 and 1234-5678") == "2026-12-02 and <code>"


def test_gunicorns_logger_writes_the_route(caplog):
    pytest.importorskip("gunicorn")
    from gunicorn.config import Config

    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", '%(h)s "%(r)s" %(U)s %(s)s %(f)s')
    logger = RouteOnlyLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/intake/households/K7MQ-4XTP/edit/?next=x",
        "PATH_INFO": "/intake/households/K7MQ-4XTP/edit/",
        "QUERY_STRING": "next=x",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "/intake/households/K7MQ-4XTP/",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[("Location", "/intake/households/K7MQ-4XTP/")])
    request = SimpleNamespace(headers=[("REFERER", "/intake/households/K7MQ-4XTP/")])
    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    logger.access_log.addHandler(handler)
    logger.access(response, request, environ, dt.timedelta(seconds=0, microseconds=1500))
    assert lines and "K7MQ-4XTP" not in lines[-1]
    assert "/intake/households/<str:code>/edit/" in lines[-1]
