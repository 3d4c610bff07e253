"""Supply chain: every dependency is locked with hashes, and `make audit` tells the truth."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _locked(path: Path) -> dict[str, tuple[str, list[str]]]:
    """Return ``{name: (version, hashes)}`` for every requirement in a pip-compile lock."""
    entries: dict[str, tuple[str, list[str]]] = {}
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if not line.strip().startswith("--hash") else line.strip()
        if not line or line.startswith("-"):
            continue
        match = re.match(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==(\S+)(.*)", line)
        assert match, f"{path.name}: not an exact pin: {line!r}"
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", match.group(3))
        entries[_norm(match.group(1))] = (match.group(2), hashes)
    return entries


def _direct(path: Path) -> dict[str, str]:
    pins = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==(\S+)", line)
        assert match, f"{path.name}: a direct dependency must be pinned exactly: {line!r}"
        pins[_norm(match.group(1))] = match.group(2)
    return pins


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_every_locked_requirement_is_pinned_with_a_hash(lock):
    entries = _locked(ROOT / lock)
    assert len(entries) > 20  # the transitive dependencies are there too, not only the direct ones
    for name, (_version, hashes) in entries.items():
        assert hashes, f"{lock}: {name} has no --hash"


def test_the_runtime_lock_holds_every_direct_dependency_at_its_pin_and_gunicorn():
    lock = _locked(ROOT / "requirements.txt")
    direct = _direct(ROOT / "requirements.in")
    assert "gunicorn" in direct
    for name, version in direct.items():
        assert lock.get(name, (None,))[0] == version, f"requirements.txt does not lock {name}=={version}"
    # Transitive runtime dependencies the review found floating are locked now.
    for name in ("asgiref", "sqlparse", "pillow", "fonttools", "tinycss2", "pydyf", "cssselect2", "cffi", "pyphen"):
        assert name in lock, name


def test_the_dev_lock_agrees_with_the_runtime_lock():
    runtime = _locked(ROOT / "requirements.txt")
    dev = _locked(ROOT / "requirements-dev.txt")
    for name, (version, _hashes) in runtime.items():
        assert dev.get(name, (None,))[0] == version, f"requirements-dev.txt locks {name} differently"
    for name, version in _direct(ROOT / "requirements-dev.in").items():
        assert dev[name][0] == version


def test_installs_require_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    assert installs and all("--require-hashes" in line for line in installs), installs


@pytest.fixture
def audit_report():
    spec = importlib.util.spec_from_file_location("audit_report", ROOT / ".ci" / "audit_report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(module, report, *, strict=False, accepted=None):
    lines: list[str] = []
    text = report if report is None or isinstance(report, str) else json.dumps(report)
    rc = module.judge(text, strict=strict, accepted=accepted or {}, out=lines.append)
    return rc, "\n".join(lines)


UNREACHABLE = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}] * 3}
FINDING = {
    "dependencies": [
        {"name": "django", "version": "5.2.19", "vulns": [{"id": "PYSEC-1", "aliases": ["CVE-1"], "fix_versions": ["5.2.20"]}]},
        {"name": "nh3", "version": "0.3.8", "vulns": []},
    ]
}


def test_audit_says_plainly_when_nothing_could_be_checked(audit_report):
    rc, text = _run(audit_report, UNREACHABLE)
    assert rc == 0 and "UNAUDITED" in text and "NOTHING" in text
    assert _run(audit_report, UNREACHABLE, strict=True)[0] == 3
    rc, text = _run(audit_report, None, strict=True)
    assert rc == 3 and "UNAUDITED" in text
    assert "no unexplained" not in _run(audit_report, UNREACHABLE)[1]


def test_audit_names_packages_it_could_not_check(audit_report):
    report = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}, {"name": "weasyprint", "skip_reason": "x"}]}
    rc, text = _run(audit_report, report)
    assert rc == 0 and "PARTLY AUDITED" in text and "weasyprint" in text
    assert _run(audit_report, report, strict=True)[0] == 3


def test_audit_fails_on_an_unexplained_finding_and_accepts_an_explained_one(audit_report):
    rc, text = _run(audit_report, FINDING)
    assert rc == 1 and "VULNERABLE django 5.2.19: PYSEC-1" in text
    rc, text = _run(audit_report, FINDING, accepted={"CVE-1": "only the admin uses the affected API"})
    assert rc == 0 and "accepted django" in text


def test_an_accepted_finding_needs_a_reason(audit_report, tmp_path):
    path = tmp_path / "accepted.txt"
    path.write_text("# comment\nPYSEC-1  # not reachable in our code\nCVE-2\n", encoding="utf-8")
    accepted, bad = audit_report.load_accepted(path)
    assert accepted == {"PYSEC-1": "not reachable in our code"} and bad == ["CVE-2"]
