"""deploy/: the files a clinic network installs are real and valid, and list every setting."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.production.support import nginx_site

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").iterdir())
SETTING = re.compile(r"""(?:env_(?:str|bool|int|list|secret)|os\.environ\.get)\(\s*["']([A-Z][A-Z0-9_]+)["']""")


def _settings_read(path: Path) -> set[str]:
    return set(SETTING.findall(path.read_text(encoding="utf-8")))


def _template_names() -> set[str]:
    names = set()
    for line in (DEPLOY / "confianza.env.example").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^#?\s?([A-Z][A-Z0-9_]+)=", line)
        if match:
            names.add(match.group(1))
    return names


def test_the_environment_template_lists_every_setting():
    wanted = _settings_read(ROOT / "clinic" / "settings.py") | _settings_read(DEPLOY / "gunicorn.conf.py")
    wanted |= {"DJANGO_SECRET_KEY_FILE", "CONFIANZA_FIELD_KEYS_FILE"}  # read through secret_from_file
    assert "CONFIANZA_FIELD_KEYS" in wanted and "DATABASE_URL" in wanted  # the pattern finds them
    assert sorted(wanted - _template_names()) == []
    assert sorted(_template_names() - wanted) == []  # and nothing that no code reads


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return parser


def test_every_service_runs_a_program_of_this_repository_with_the_secrets_as_credentials():
    services = [p for p in UNITS if p.suffix == ".service"]
    assert {p.name for p in services} == {"confianza.service", "confianza-purge.service", "confianza-backup.service"}
    for path in services:
        text = path.read_text(encoding="utf-8")
        service = _unit(path)["Service"]
        program = service["ExecStart"].split()
        assert program[0].startswith("/srv/confianza/.venv/bin/"), path.name
        for arg in program[1:]:
            if arg.startswith("/srv/confianza/"):
                assert (ROOT / arg.removeprefix("/srv/confianza/")).exists(), (path.name, arg)
        credentials = re.findall(r"^LoadCredential=([A-Z_]+):", text, flags=re.MULTILINE)
        assert sorted(credentials) == ["CONFIANZA_FIELD_KEYS", "DJANGO_SECRET_KEY"], path.name
        assert service["User"] == "confianza" and service["NoNewPrivileges"] == "yes"
        assert service["ProtectSystem"] == "strict" and service["UMask"] == "0077"


def test_each_timer_starts_its_service_daily():
    for name in ("confianza-purge", "confianza-backup"):
        timer = _unit(DEPLOY / "systemd" / f"{name}.timer")["Timer"]
        assert (DEPLOY / "systemd" / f"{name}.service").exists()
        assert timer["Persistent"] == "true"
        if shutil.which("systemd-analyze"):
            result = subprocess.run(  # noqa: S603 - fixed tool
                ["systemd-analyze", "calendar", timer["OnCalendar"]],  # noqa: S607
                capture_output=True, text=True, check=False,
            )
            assert result.returncode == 0 and "Next elapse" in result.stdout, result.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_every_unit_without_a_warning(tmp_path):
    for path in UNITS:
        (tmp_path / path.name).write_text(
            path.read_text(encoding="utf-8").replace("/srv/confianza", str(ROOT)), encoding="utf-8"
        )
    result = subprocess.run(  # noqa: S603 - fixed tool
        ["systemd-analyze", "verify", *sorted(str(p) for p in tmp_path.iterdir())],  # noqa: S607
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr


def test_gunicorn_accepts_the_configuration_and_loads_the_app():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CONFIANZA_"))}
    env["CONFIANZA_PROFILE"] = "test"
    result = subprocess.run(  # noqa: S603 - fixed interpreter
        [sys.executable, "-m", "gunicorn", "--config", str(DEPLOY / "gunicorn.conf.py"), "--check-config",
         "clinic.wsgi:application"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_gunicorn_configuration_is_the_measured_choice():
    namespace: dict = {}
    exec(compile((DEPLOY / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    assert namespace["worker_class"] == "sync"
    assert namespace["logger_class"] == "clinic.serving.QuietHealthLogger"
    assert "%(q)s" not in namespace["access_log_format"] and "%(f)s" not in namespace["access_log_format"]


def test_the_access_log_skips_health_probes_only():
    from gunicorn.config import Config

    from clinic.serving import QuietHealthLogger

    logger = QuietHealthLogger(Config())
    lines = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("gunicorn.glogging.Logger.access", lambda self, resp, req, environ, rt: lines.append(environ["PATH_INFO"]))
        logger.access(None, None, {"PATH_INFO": "/healthz"}, None)
        logger.access(None, None, {"PATH_INFO": "/intake/"}, None)
    assert lines == ["/intake/"]


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed (make system-deps-test)")
def test_nginx_accepts_the_site_configuration(tmp_path):
    main = nginx_site(tmp_path, https_port=18143, http_port=18180, upstream_port=18100)
    result = subprocess.run(  # noqa: S603 - fixed tool
        ["nginx", "-t", "-q", "-c", str(main), *(["-g", "user root;"] if os.geteuid() == 0 else [])],  # noqa: S607
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
