"""Restore an encrypted backup into an empty database (docs/deployment.md, "Restore drill")."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.management.base import BaseCommand, CommandError

from clinic.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Decrypt BACKUP with the offline age identity and restore it into the empty database at --into "
        "(a postgres:// URL; never the live database by default). Then point DATABASE_URL at it."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path)
        parser.add_argument("--identity", required=True, type=Path, help="the age identity file (kept offline)")
        parser.add_argument("--into", required=True, help="postgres:// URL of an empty database")

    def handle(self, *args, backup: Path, identity: Path, into: str, **options):
        if not backup.is_file():
            raise CommandError(f"{backup} is not a file")
        try:
            database = dj_database_url.parse(into)
            restore_backup(backup, identity_file=identity, database=database)
        except (BackupError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {backup.name} into {database['NAME']}.")
