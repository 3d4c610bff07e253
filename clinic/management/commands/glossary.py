"""``manage.py glossary``: show or rewrite the tables of docs/glossary.md from clinic/glossary.toml."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clinic.glossary import GlossaryError, render_tables, replace_tables


class Command(BaseCommand):
    help = (
        "Print the glossary tables generated from clinic/glossary.toml; with --write, replace the "
        "generated section of docs/glossary.md with them. Exit status 2 on a malformed glossary."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help="rewrite docs/glossary.md in place")

    def handle(self, *args, write=False, **options):
        try:
            tables = render_tables()
            if not write:
                self.stdout.write(tables)
                return
            path = Path(settings.BASE_DIR) / "docs" / "glossary.md"
            path.write_text(replace_tables(path.read_text(encoding="utf-8"), tables), encoding="utf-8")
        except (GlossaryError, OSError) as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(f"wrote {path}")
