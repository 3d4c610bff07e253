"""Encrypted, rotated PostgreSQL backups: ``pg_dump`` piped straight into ``age``.

No plaintext dump ever touches the disk. The server holds only the *public* age recipients
(``CONFIANZA_BACKUP_RECIPIENTS_FILE``); the identity that decrypts a backup is kept offline, so a
stolen server or backup disk yields ciphertext only (and the household fields inside the dump are
field-encrypted again with ``CONFIANZA_FIELD_KEYS``, which the backup never contains).

Rotation keeps ``CONFIANZA_BACKUP_KEEP_DAYS`` days of backups (never longer than retention), so
a purged household is gone from every backup :func:`purged_gone_from_backups_after_days` days
after its purge. docs/deployment.md states that number; a test checks it against the settings.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess  # nosec B404 # pg_dump, pg_restore and age, by path, with fixed arguments
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

PREFIX = "confianza-"
SUFFIX = ".dump.age"
STAMP = "%Y%m%dT%H%M%SZ"


class BackupError(Exception):
    """A backup or restore could not be made; the message says what to fix."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime


def purged_gone_from_backups_after_days(keep_days: int | None = None) -> int:
    """Days after a purge until no backup holds the household: the last backup taken before the
    purge is at most a day older than the purge, and rotation removes it ``keep_days`` days later."""
    return (keep_days or settings.BACKUP_KEEP_DAYS) + 1


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        package = "age" if name.startswith("age") else "postgresql-client"
        raise BackupError(f"{name} is not installed (apt-get install {package})")
    return path


def _connection(database: dict) -> tuple[list[str], dict[str, str]]:
    if not database["ENGINE"].startswith("django.db.backends.postgresql"):
        raise BackupError("backups are made of a PostgreSQL database (DATABASE_URL)")
    args = [f"--dbname={database['NAME']}"]
    if database.get("HOST"):
        args.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        args.append(f"--port={database['PORT']}")
    if database.get("USER"):
        args.append(f"--username={database['USER']}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CONFIANZA_"))}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    sslmode = (database.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return args, env


def list_backups(directory: Path | None = None) -> list[Backup]:
    """Return the finished backups in ``directory``, oldest first (names carry the UTC time)."""
    directory = Path(directory or settings.BACKUP_DIR)
    found = []
    if directory.is_dir():
        for path in directory.glob(f"{PREFIX}*{SUFFIX}"):
            stamp = path.name[len(PREFIX) : -len(SUFFIX)]
            try:
                taken = dt.datetime.strptime(stamp, STAMP).replace(tzinfo=dt.UTC)
            except ValueError:
                continue
            found.append(Backup(path, taken))
    return sorted(found, key=lambda b: b.taken_at)


def create_backup(
    *,
    directory: Path | None = None,
    recipients_file: str | Path | None = None,
    database: dict | None = None,
    now: dt.datetime | None = None,
) -> Backup:
    """Dump the database, encrypt it to the recipients, and move it into place when complete."""
    directory = Path(directory or settings.BACKUP_DIR)
    recipients = recipients_file or settings.BACKUP_RECIPIENTS_FILE
    if not recipients or not Path(recipients).is_file() or not Path(recipients).read_text().strip():
        raise BackupError(
            "CONFIANZA_BACKUP_RECIPIENTS_FILE must name a file of age public keys (age-keygen -y IDENTITY)"
        )
    args, env = _connection(database or settings.DATABASES["default"])
    pg_dump, age = _tool("pg_dump"), _tool("age")
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = directory / f"{PREFIX}{now:{STAMP}}{SUFFIX}"
    partial = directory / f".{target.name}.partial"
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        dump = subprocess.Popen(  # noqa: S603 # nosec B603 # fixed tool, no shell
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        encrypt = subprocess.run(  # noqa: S603 # nosec B603 # fixed tool, no shell
            [age, "--encrypt", "--recipients-file", str(recipients)],
            stdin=dump.stdout,
            stdout=out,
            stderr=subprocess.PIPE,
            check=False,
        )
        dump.stdout.close()
        dump_error = dump.stderr.read().decode(errors="replace")
        dump.wait()
        out.flush()
        os.fsync(out.fileno())
    if dump.returncode != 0 or encrypt.returncode != 0:
        partial.unlink(missing_ok=True)
        detail = dump_error.strip() or encrypt.stderr.decode(errors="replace").strip()
        raise BackupError(f"the backup failed and was not kept: {detail}")
    partial.rename(target)
    return Backup(target, now.replace(microsecond=0))


def rotate_backups(
    *, directory: Path | None = None, keep_days: int | None = None, now: dt.datetime | None = None
) -> list[Path]:
    """Delete backups older than ``keep_days`` days; never the newest one. Return what was deleted."""
    keep_days = keep_days or settings.BACKUP_KEEP_DAYS
    now = now or dt.datetime.now(dt.UTC)
    backups = list_backups(directory)
    removed = []
    for backup in backups[:-1]:
        if now - backup.taken_at > dt.timedelta(days=keep_days):
            backup.path.unlink()
            removed.append(backup.path)
    return removed


def restore_backup(path: Path, *, identity_file: str | Path, database: dict) -> None:
    """Decrypt ``path`` with the offline identity and restore it into ``database`` (which must be empty)."""
    args, env = _connection(database)
    age, pg_restore = _tool("age"), _tool("pg_restore")
    decrypt = subprocess.Popen(  # noqa: S603 # nosec B603 # fixed tool, no shell
        [age, "--decrypt", "--identity", str(identity_file), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    restore = subprocess.run(  # noqa: S603 # nosec B603 # fixed tool, no shell
        [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", *args],
        stdin=decrypt.stdout,
        capture_output=True,
        env=env,
        check=False,
    )
    decrypt.stdout.close()
    decrypt_error = decrypt.stderr.read().decode(errors="replace")
    decrypt.wait()
    if decrypt.returncode != 0:
        raise BackupError(f"the backup could not be decrypted with that identity: {decrypt_error.strip()}")
    if restore.returncode != 0:
        raise BackupError(f"pg_restore failed: {restore.stderr.decode(errors='replace').strip()}")
