"""Check a deployment from the inside: one line per check, a fix for each failure, non-zero exit."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from clinic import doctor


class Command(BaseCommand):
    help = (
        "Check this deployment: database reachable and migrated, keys load and decrypt a stored value, "
        "static files collected, content loaded and in date, the purge ran in the last 26 hours, the "
        "newest backup is recent and none is older than the retention window, check --deploy clean. "
        "One line per check; exit status 1 when any fails."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip", action="append", default=[], choices=sorted(doctor.REGISTRY), help="leave a check out (repeatable)"
        )

    def handle(self, *args, skip: list[str], **options):
        failures = 0
        for check, result in doctor.run_checks(skip):
            if result is None:
                self.stdout.write(f"SKIP  {check.label}")
            elif result.ok:
                self.stdout.write(f"OK    {check.label}: {result.detail}")
            else:
                failures += 1
                self.stdout.write(f"FAIL  {check.label}: {result.detail} — fix: {result.fix}")
        if failures:
            raise CommandError(f"{failures} check(s) failed", returncode=1)
        self.stdout.write("All checks passed.")
