"""Security review finding 8: trusting proxy headers while gunicorn is reachable directly is warned."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from clinic.serving import exposed_binds, proxy_trust_warning, warn_if_proxy_headers_exposed


@pytest.mark.parametrize(
    ("binds", "exposed"),
    [
        (["127.0.0.1:8000"], []),
        (["localhost:8000", "[::1]:8000", "unix:/run/confianza.sock"], []),
        (["0.0.0.0:8000"], ["0.0.0.0:8000"]),
        (["127.0.0.1:8000", "10.0.0.5:8000"], ["10.0.0.5:8000"]),
        (["[::]:8000"], ["[::]:8000"]),
    ],
)
def test_exposed_binds(binds, exposed):
    assert exposed_binds(binds) == exposed


def test_no_warning_without_trusted_proxy_headers_or_when_only_loopback_listens():
    assert proxy_trust_warning(["0.0.0.0:8000"], 0) is None
    assert proxy_trust_warning(["127.0.0.1:8000"], 1) is None


def test_warning_names_the_exposed_address_and_the_fix():
    message = proxy_trust_warning(["0.0.0.0:8000"], 1)
    assert "0.0.0.0:8000" in message and "CONFIANZA_PROXY_COUNT=1" in message and "127.0.0.1" in message


def test_the_gunicorn_hook_logs_it(monkeypatch, caplog):
    monkeypatch.setenv("CONFIANZA_PROXY_COUNT", "1")
    logger = logging.getLogger("test.gunicorn")
    server = SimpleNamespace(cfg=SimpleNamespace(bind=["0.0.0.0:8000"]), log=logger)
    with caplog.at_level(logging.WARNING, logger="test.gunicorn"):
        warn_if_proxy_headers_exposed(server)
    assert any("0.0.0.0:8000" in record.getMessage() for record in caplog.records)
    caplog.clear()
    monkeypatch.setenv("CONFIANZA_PROXY_COUNT", "0")
    with caplog.at_level(logging.WARNING, logger="test.gunicorn"):
        warn_if_proxy_headers_exposed(server)
    assert not caplog.records


def test_the_deployed_configuration_installs_the_hook():
    from pathlib import Path

    config = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"
    namespace: dict = {}
    exec(compile(config.read_text(), str(config), "exec"), namespace)  # noqa: S102 - our own file
    assert callable(namespace["on_starting"])
