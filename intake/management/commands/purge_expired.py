"""Scheduled pruning: the rule is in the help text."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from clinic import clock
from intake.shredders import households_due, purge_expired


class Command(BaseCommand):
    help = (
        "Delete every household whose purge date has passed (CONFIANZA_RETENTION_DAYS days after its "
        "last visit, never later than the end of the filing season, CONFIANZA_FILING_SEASON_END), "
        "with its dependents, consent and anything else attached to it; redact its audit entries; "
        "first add it to the anonymous season counters (site, week, ID type, credit results). "
        "Safe to run twice or at the same time on several servers. Run it daily (docs/deployment.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say how many households are due.")
        parser.add_argument("--batch-size", type=int, default=200, help="Households per transaction.")

    def handle(self, *args, dry_run: bool = False, batch_size: int = 200, **options):
        today = clock.today()
        if dry_run:
            due = households_due(today=today).count()
            self.stdout.write(f"{due} household(s) past their purge date (retention {settings.RETENTION_DAYS} days).")
            return
        result = purge_expired(today=today, batch_size=batch_size)
        self.stdout.write(f"Purged {result.purged} household(s).")
