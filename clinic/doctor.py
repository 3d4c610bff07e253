"""``manage.py doctor``: checks of a deployment from the inside, one line each, with a fix.

Each app registers its own checks here (clinic: database, keys, static files, purge, backups,
deploy checks; counseling: its content, in ``counseling/doctor.py``), so the core imports no app.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import DEFAULT_DB_ALIAS, connections

from clinic import clock


@dataclass(frozen=True)
class Result:
    ok: bool
    detail: str
    fix: str = ""


@dataclass
class Check:
    name: str
    label: str
    function: Callable[[], Result]
    needs: tuple[str, ...]
    order: int


REGISTRY: dict[str, Check] = {}


def register(name: str, label: str, *, order: int, needs: tuple[str, ...] = ()):
    """Register ``function`` as check ``name``; ``needs`` names checks that must pass first."""

    def decorate(function: Callable[[], Result]) -> Callable[[], Result]:
        REGISTRY[name] = Check(name, label, function, needs, order)
        return function

    return decorate


def registered() -> list[Check]:
    return sorted(REGISTRY.values(), key=lambda check: check.order)


def run_checks(skip: list[str] | tuple[str, ...] = ()) -> list[tuple[Check, Result | None]]:
    """Run every registered check in order; a check whose prerequisites failed is not run."""
    passed: dict[str, bool] = {}
    results: list[tuple[Check, Result | None]] = []
    for check in registered():
        if check.name in skip:
            results.append((check, None))
            continue
        if not all(passed.get(n, True) for n in check.needs):
            result = Result(False, "not checked", "fix the checks above first")
        else:
            try:
                result = check.function()
            except Exception as exc:  # noqa: BLE001 - one broken check must not hide the others
                result = Result(False, f"the check itself failed ({type(exc).__name__})", "see the line above")
        passed[check.name] = result.ok
        results.append((check, result))
    return results


PURGE_MAX_AGE = dt.timedelta(hours=26)
BACKUP_MAX_AGE = dt.timedelta(hours=26)


@register("database", "database", order=10)
def check_database() -> Result:
    try:
        connections[DEFAULT_DB_ALIAS].ensure_connection()
    except Exception as exc:  # noqa: BLE001 - any failure is reported, with its class only
        return Result(False, f"cannot connect ({type(exc).__name__})", "check DATABASE_URL and that PostgreSQL is up")
    return Result(True, f"reachable ({connections[DEFAULT_DB_ALIAS].vendor})")


@register("migrations", "migrations", order=20, needs=("database",))
def check_migrations() -> Result:
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:  # noqa: BLE001
        return Result(False, f"cannot read migrations ({type(exc).__name__})", "fix the database check first")
    if plan:
        return Result(False, f"{len(plan)} migration(s) not applied", "run: manage.py migrate")
    return Result(True, "every migration applied")


@register("keys", "field keys", order=30, needs=("migrations",))
def check_keys() -> Result:
    from clinic import crypto

    try:
        fernet = crypto.fernet()
    except Exception as exc:  # noqa: BLE001
        return Result(False, f"keys do not load ({type(exc).__name__})", "check CONFIANZA_FIELD_KEYS(_FILE)")
    sample = _encrypted_sample()
    if sample is None:
        probe = "doctor-probe"
        ok = crypto.decrypt(crypto.encrypt(probe)) == probe
        return Result(ok, f"{len(settings.FIELD_ENCRYPTION_KEYS)} key(s) load; no stored value to decrypt yet")
    try:
        fernet.decrypt(sample.encode("ascii"))
    except Exception:  # noqa: BLE001
        return Result(
            False,
            "a stored value does not decrypt with the configured keys",
            "restore the missing key to CONFIANZA_FIELD_KEYS (newest first); see docs/deployment.md §6",
        )
    return Result(True, f"{len(settings.FIELD_ENCRYPTION_KEYS)} key(s) load and decrypt a stored value")


def _encrypted_sample() -> str | None:
    """Return one stored ciphertext (the newest non-empty encrypted column of any model), or None."""
    from django.apps import apps

    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if getattr(field, "encrypted", False):
                table, column, pk = (quote(model._meta.db_table), quote(field.column), quote(model._meta.pk.column))
                with connection.cursor() as cursor:
                    # The column itself, not through the field (which would decrypt it).
                    cursor.execute(
                        f"SELECT {column} FROM {table} WHERE {column} <> '' ORDER BY {pk} DESC LIMIT 1"  # nosec B608 # noqa: S608 - names quoted, from the models
                    )
                    row = cursor.fetchone()
                if row and row[0]:
                    return row[0]
    return None


@register("static", "static files", order=40)
def check_static() -> Result:
    if settings.PROFILE != "production":
        return Result(True, f"served from the app directories ({settings.PROFILE} profile)")
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if not manifest.is_file():
        return Result(False, f"not collected ({manifest} missing)", "run: manage.py collectstatic --noinput")
    paths = json.loads(manifest.read_text(encoding="utf-8")).get("paths", {})
    missing = [name for name, hashed in paths.items() if not (settings.STATIC_ROOT / hashed).is_file()]
    if missing:
        return Result(False, f"{len(missing)} collected file(s) missing", "run: manage.py collectstatic --noinput")
    return Result(True, f"{len(paths)} files collected in {settings.STATIC_ROOT}")


@register("purge", "nightly purge", order=60, needs=("migrations",))
def check_purge() -> Result:
    from clinic.health import last_purge_run

    last = last_purge_run()
    if last is None:
        return Result(False, "never ran", "enable deploy/confianza-purge.timer (manage.py purge_expired)")
    age = clock.now() - last
    if age > PURGE_MAX_AGE:
        return Result(False, f"last ran {_ago(age)} ago", "check: journalctl -u confianza-purge.service")
    return Result(True, f"last ran {_ago(age)} ago")


@register("backups", "backups", order=70)
def check_backups() -> Result:
    from clinic.backups import list_backups

    backups = list_backups()
    if not backups:
        return Result(
            False,
            f"no backup in {settings.BACKUP_DIR}",
            "enable deploy/confianza-backup.timer on the host that keeps backups (or skip: --skip backups)",
        )
    now = dt.datetime.now(dt.UTC)
    newest, oldest = backups[-1], backups[0]
    if now - newest.taken_at > BACKUP_MAX_AGE:
        return Result(
            False, f"newest backup is {_ago(now - newest.taken_at)} old", "check: journalctl -u confianza-backup"
        )
    window = dt.timedelta(days=settings.BACKUP_KEEP_DAYS, hours=2)
    if now - oldest.taken_at > window:
        return Result(
            False,
            f"oldest backup is {_ago(now - oldest.taken_at)} old, past {settings.BACKUP_KEEP_DAYS} days",
            "run: manage.py backup_database (it rotates), and check the timer runs daily",
        )
    return Result(True, f"{len(backups)} backup(s), newest {_ago(now - newest.taken_at)} old")


@register("deploy", "deploy checks", order=80)
def check_deploy() -> Result:
    out = io.StringIO()
    try:
        call_command("check", deploy=True, fail_level="WARNING", stdout=out, stderr=out)
    except SystemCheckError as exc:
        ids = sorted(set(re.findall(r"\((\w+\.[A-Z]\d+)\)", str(exc))))
        return Result(
            False, f"check --deploy reports {', '.join(ids) or 'problems'}", "run: manage.py check --deploy (docs/security.md)"
        )
    return Result(True, "check --deploy is clean")


def _ago(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    hours = minutes // 60
    return f"{hours} h" if hours < 48 else f"{hours // 24} days"
