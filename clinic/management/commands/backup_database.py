"""Nightly encrypted backup (deploy/confianza-backup.timer)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clinic.backups import BackupError, create_backup, purged_gone_from_backups_after_days, rotate_backups


class Command(BaseCommand):
    help = (
        "Dump the PostgreSQL database with pg_dump, encrypted with age to the public keys in "
        "CONFIANZA_BACKUP_RECIPIENTS_FILE, into CONFIANZA_BACKUP_DIR; then delete backups older than "
        "CONFIANZA_BACKUP_KEEP_DAYS days (never the newest). Run it daily (docs/deployment.md)."
    )

    def handle(self, *args, **options):
        try:
            backup = create_backup()
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        removed = rotate_backups()
        size = backup.path.stat().st_size
        self.stdout.write(
            f"Backed up to {backup.path} ({size} bytes); removed {len(removed)} older than "
            f"{settings.BACKUP_KEEP_DAYS} days. A purged household leaves the backups within "
            f"{purged_gone_from_backups_after_days()} days."
        )
