"""Load the shipped handouts and court-order register from counseling/content/."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from counseling.loader import ContentError, content_load


class Command(BaseCommand):
    help = (
        "Load handouts and court orders from counseling/content/ (run it at every deployment, after "
        "migrate). Idempotent: a file whose text matches a version already loaded creates nothing; a "
        "changed file becomes a new version, published or draft as its front matter's status says "
        "(old versions stay); changed court orders are updated. With --only-missing, only topics, "
        "languages and orders not in the database yet are created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only-missing", action="store_true", help="create what is missing; leave changed files alone"
        )
        # Loading changed files is the default; --update is accepted so older deploy scripts keep working.
        parser.add_argument("--update", action="store_true", help="(the default) load changed files too")
        parser.add_argument("--content-dir", type=Path, help="another content directory (same layout)")

    def handle(self, *args, only_missing=False, update=False, content_dir=None, **options):
        try:
            counts = content_load(update=not only_missing, content_dir=content_dir)
        except ContentError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(
                "topics created: {topics}, versions created: {versions}, "
                "court orders created or updated: {orders}, unchanged: {unchanged}".format(**counts)
            )
