"""Every file the app writes is readable by its owner only (review finding 15).

The process umask is set to 077 as soon as the settings load (manage.py, gunicorn, the tests), so
the SQLite database and its -wal/-shm files, var/demo.env, the handout cache, collected static files
and anything else are created 0600 (directories 0700). A SQLite file created before this rule, or
by another tool, is narrowed to 0600 when the app connects to it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

OWNER_ONLY_UMASK = 0o077
OWNER_ONLY_FILE = 0o600
OWNER_ONLY_DIR = 0o700


def restrict_umask() -> None:
    os.umask(OWNER_ONLY_UMASK)


def narrow(path: Path) -> None:
    """Take group and other permissions off ``path`` if it exists (never widen anything)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if mode & 0o077:
        path.chmod(mode & 0o700)


def restrict_sqlite_files(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: the SQLite database and its journal files are 0600."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        narrow(Path(name + suffix))
