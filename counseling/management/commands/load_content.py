"""Load the shipped handouts and court-order register from counseling/content/."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from counseling.loader import ContentError, content_load


class Command(BaseCommand):
    help = (
        "Load handouts and court orders from counseling/content/. Creates what is missing; with "
        "--update, a handout whose text changed becomes a new published version (old versions stay) "
        "and changed court orders are updated. Unchanged content is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="publish changed texts as new versions")
        parser.add_argument("--content-dir", type=Path, help="another content directory (same layout)")

    def handle(self, *args, update=False, content_dir=None, **options):
        try:
            counts = content_load(update=update, content_dir=content_dir)
        except ContentError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(
            "topics created: {topics}, versions created: {versions}, "
            "court orders created or updated: {orders}, unchanged: {unchanged}".format(**counts)
        )
