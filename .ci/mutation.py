"""`make mutation`: mutation testing (mutmut) of the eligibility engine and the security modules.

Each group runs in its own copy of the project under ``var/mutation/<group>/`` (mutmut rewrites the
code it mutates, so never in the work tree), with its own mutmut configuration, and stops by itself
after its time budget (``MUTATION_MINUTES`` per group, default 30). Results persist: a second run
continues where the first stopped, and only re-tests what changed. At the end each group's score
(killed ÷ mutants tested), its survivors and the run time are printed and written to
``var/mutation/<group>-summary.json``. docs/testing.md records the figures and explains every
survivor.

Usage: ``make mutation`` (both groups) or ``make mutation MUTATION_GROUPS=security``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
MUTMUT = ROOT / ".venv" / "bin" / "mutmut"

# What each group mutates, and the tests that may kill its mutants (mutmut then runs, for each
# mutant, only those of these tests that execute the mutated function).
GROUPS: dict[str, dict] = {
    "eligibility": {
        "only_mutate": ["intake/eligibility/*"],
        # The message catalogue is text (its codes are checked by
        # test_eligibility_ids.py::test_every_reason_change_and_flag_code_is_exercised and its
        # Spanish by tests/clinic/test_translations.py); parameters are module constants, which
        # mutmut does not mutate (the review's by-hand sweep R1–R12 covers them).
        "do_not_mutate": ["intake/eligibility/catalogue.py"],
        # Every engine test file (a glob, so a new one is never left out), and the other tests that
        # use the engine (tests/test_mutation_groups.py checks that none is forgotten).
        "tests": [
            "tests/intake/test_eligibility_*.py",
            "tests/intake/test_legal_sources.py",
            "tests/intake/test_retention_dates.py",
            "tests/intake/test_season.py",
            "tests/intake/views/test_desk_presentation.py",
            "tests/intake/views/test_figures_shown.py",
            "tests/counseling/test_recommendations.py",
        ],
        # Files that use the engine but are left out, and why.
        "not_selected": {
            "tests/counseling/test_summary.py": "renders PDFs (seconds for each mutant it would run); the "
            "figures it reads back are the results page's, which test_figures_shown.py checks",
        },
    },
    "security": {
        "only_mutate": [
            "clinic/crypto.py",  # field encryption
            "clinic/validators.py",  # the ID-number validator
            "clinic/retention.py",  # retention
            "intake/shredders.py",  # shredding, consent withdrawal, purge
            "clinic/access.py",  # access helpers
            "intake/access.py",
            "counseling/access.py",
            "clinic/middleware.py",  # session limits, two-factor, no-store
            "clinic/backends.py",  # lockout keys (client address, username)
        ],
        "do_not_mutate": [],
        "tests": [
            "tests/clinic/test_crypto.py",
            "tests/clinic/test_crypto_fields.py",
            "tests/clinic/test_ciphertext_lengths.py",
            "tests/clinic/test_rotate_field_keys.py",
            "tests/clinic/test_validators.py",
            "tests/clinic/test_id_number_disguises.py",
            "tests/clinic/test_inventory.py",
            "tests/clinic/test_canary_sweep.py",
            "tests/clinic/test_no_id_numbers.py",
            "tests/clinic/test_retention.py",
            "tests/intake/test_shredders.py",
            "tests/intake/test_purge_scope.py",
            "tests/intake/test_purge_counting.py",
            "tests/clinic/test_counters_k_anonymous.py",
            "tests/intake/test_retention_dates.py",
            "tests/intake/views/test_consent_withdraw.py",
            "tests/clinic/test_lockout.py",
            "tests/clinic/test_signin_hardening.py",
            "tests/clinic/test_reauth.py",
            "tests/clinic/test_key_rotation.py",
            "tests/clinic/test_permissions_walk.py",
            "tests/clinic/test_production_responses.py",
            "tests/intake/views/test_boundaries.py",
            "tests/counseling/views/test_boundaries.py",
            "tests/intake/views/test_purge_expired.py",
            "tests/intake/views/test_consent_single_use.py",
            "tests/clinic/test_sessions.py",
            "tests/clinic/test_twofactor.py",
            "tests/clinic/test_headers.py",
            "tests/clinic/test_security_behaviour.py",
            "tests/intake/test_services.py",
            "tests/clinic/test_people.py",
            "tests/clinic/test_access_helpers.py",
            "tests/clinic/test_security_helpers_pinned.py",
            "tests/intake/views/test_household_detail.py",
            "tests/counseling/views/test_client_summary.py",
            "tests/intake/test_season.py",
            "tests/intake/views/test_desk_presentation.py",
        ],
        "not_selected": {},
    },
}
# Copied verbatim next to the mutated apps so the tests run as in the work tree.
ALSO_COPY = ["templates", "manage.py", "tests", "pyproject.toml", "bench", "docs", "README.md", "Makefile"]
SKIP_DIRS = {".venv", "var", "mutants", "__pycache__", ".git", "node_modules"}


def _copy_project(dest: Path) -> None:
    """Mirror the project into ``dest`` (only files that changed are rewritten, so mutmut's cache holds)."""
    for path in ROOT.rglob("*"):
        rel = path.relative_to(ROOT)
        if rel.parts and rel.parts[0] in SKIP_DIRS or any(p in SKIP_DIRS for p in rel.parts):
            continue
        target = dest / rel
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif not target.exists() or target.read_bytes() != path.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    venv = dest / ".venv"
    if not venv.exists():
        venv.symlink_to(ROOT / ".venv")


def selected_tests(group: dict) -> list[str]:
    """The group's test files, globs expanded, relative to the project (missing ones left out)."""
    found: list[str] = []
    for pattern in group["tests"]:
        found += sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(pattern))
    return found


def _setup_cfg(group: dict) -> str:
    def lines(values):
        return "\n".join(f"    {v}" for v in values)

    existing = selected_tests(group)
    return (
        "[mutmut]\n"
        "source_paths =\n    clinic\n    intake\n    counseling\n"
        f"only_mutate =\n{lines(group['only_mutate'])}\n"
        + (f"do_not_mutate =\n{lines(group['do_not_mutate'])}\n" if group["do_not_mutate"] else "")
        + f"also_copy =\n{lines(ALSO_COPY)}\n"
        f"pytest_add_cli_args_test_selection =\n{lines(existing)}\n"
        "pytest_add_cli_args =\n    -p\n    no:cacheprovider\n    -q\n    -x\n"
        "timeout_multiplier = 10.0\n"
    )


def _run_group(name: str, minutes: float, children: int) -> dict:
    work = ROOT / "var" / "mutation" / name
    work.mkdir(parents=True, exist_ok=True)
    _copy_project(work)
    (work / "setup.cfg").write_text(_setup_cfg(GROUPS[name]), encoding="utf-8")
    env = dict(os.environ, CONFIANZA_PROFILE="test", PYTHONDONTWRITEBYTECODE="1")
    env.pop("DATABASE_URL", None)
    started = time.monotonic()
    deadline = started + minutes * 60
    print(f"== mutation: {name} (budget {minutes:g} min, {children} worker(s)) ==", flush=True)
    log = (work / "mutmut-run.log").open("w", encoding="utf-8")
    # mutmut maps each test to the functions it runs once (its stats pass) and never re-tests a
    # mutant whose code did not change. So when the tests changed since the last run, the map is
    # rebuilt and the last run's survivors are tested again first: a new test's kills count.
    fingerprint = _tests_fingerprint()
    marker = work / "tests.sha256"
    summary_file = ROOT / "var" / "mutation" / f"{name}-summary.json"
    recheck: list[str] = []
    if marker.exists() and marker.read_text(encoding="utf-8") != fingerprint:
        (work / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
        if summary_file.exists():
            recheck = json.loads(summary_file.read_text(encoding="utf-8")).get("survivors", [])
    marker.write_text(fingerprint, encoding="utf-8")
    stopped, exit_code = False, 0
    if recheck:
        print(f"tests changed: re-testing the last run's {len(recheck)} survivors first", flush=True)
        stopped, exit_code = _mutmut(["--max-children", str(children), *recheck], work, env, log, deadline)
    if not stopped and exit_code == 0:
        stopped, exit_code = _mutmut(["--max-children", str(children)], work, env, log, deadline)
    log.close()
    elapsed = time.monotonic() - started
    if not stopped and exit_code != 0:
        tail = (work / "mutmut-run.log").read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"mutmut failed for {name} (exit {exit_code}); end of {work}/mutmut-run.log:\n{tail}")
    subprocess.run([str(MUTMUT), "export-cicd-stats"], cwd=work, env=env, capture_output=True, check=False)  # noqa: S603
    stats_file = work / "mutants" / "mutmut-cicd-stats.json"
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    listing = subprocess.run(  # noqa: S603
        [str(MUTMUT), "results", "--all", "true"], cwd=work, env=env, capture_output=True, text=True, check=False
    ).stdout
    survivors = sorted(
        line.split(":")[0].strip() for line in listing.splitlines() if line.strip().endswith(("survived", "no tests"))
    )
    not_checked = sum(1 for line in listing.splitlines() if line.strip().endswith("not checked"))
    killed = int(stats.get("killed", 0)) + int(stats.get("timeout", 0))
    tested = killed + int(stats.get("survived", 0)) + int(stats.get("no_tests", 0)) + int(stats.get("suspicious", 0))
    summary = {
        "group": name,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "tool": _mutmut_version(),
        "commit": _git_head(),
        "minutes": round(elapsed / 60, 1),
        "stopped_by_budget": stopped,
        "stats": stats,
        "not_checked": not_checked,
        "score": round(100 * killed / tested, 1) if tested else None,
        "survivors": survivors,
    }
    (ROOT / "var" / "mutation" / f"{name}-summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps({k: v for k, v in summary.items() if k != "survivors"}, indent=2))
    print(f"survivors ({len(survivors)}):", *survivors, sep="\n  ")
    return summary


def _mutmut(args: list[str], work: Path, env: dict, log, deadline: float) -> tuple[bool, int]:
    """Run ``mutmut run ARGS`` until it ends or the deadline passes; return (stopped, exit status)."""
    proc = subprocess.Popen(  # noqa: S603 - fixed tool and arguments
        [str(MUTMUT), "run", *args], cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        return False, proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGINT)  # mutmut saves what it has on an interrupt
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        return True, proc.returncode


def _tests_fingerprint() -> str:
    """A hash of every file under tests/: any change may change which mutants the tests kill."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted((ROOT / "tests").rglob("*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _mutmut_version() -> str:
    from importlib.metadata import version

    return f"mutmut {version('mutmut')}"


def _git_head() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603, S607
    return result.stdout.strip() or "unknown"


def main() -> int:
    groups = os.environ.get("MUTATION_GROUPS", "security eligibility").split()
    minutes = float(os.environ.get("MUTATION_MINUTES", "30"))
    children = int(os.environ.get("MUTATION_WORKERS", "2"))
    unknown = set(groups) - set(GROUPS)
    if unknown:
        print(f"unknown MUTATION_GROUPS: {sorted(unknown)}; choose from {sorted(GROUPS)}", file=sys.stderr)
        return 2
    for name in groups:
        _run_group(name, minutes, children)
    return 0


if __name__ == "__main__":
    sys.exit(main())
