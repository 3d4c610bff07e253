"""Re-encrypt every encrypted field under the newest key (clinic/crypto.py)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from clinic.rotation import encrypted_columns, rotate_model


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field of every model under the newest key in CONFIANZA_FIELD_KEYS, "
        "in batches. Rotate a key in three steps: put the new key first in CONFIANZA_FIELD_KEYS (keep "
        "the old one after it) and restart; run this command; remove the old key and restart. "
        "Safe to run again: rows already under the newest key stay readable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction.")

    def handle(self, *args, batch_size: int = 500, **options):
        for model, columns in encrypted_columns():
            count = rotate_model(model, columns, batch_size=batch_size)
            self.stdout.write(f"{model._meta.label}: {count} row(s) re-encrypted ({', '.join(columns)}).")
