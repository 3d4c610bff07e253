"""Key rotation: re-encrypt every encrypted field of every model under the newest key.

Used by ``manage.py rotate_field_keys`` and by the administrators' key-rotation page
(``clinic.views.key_rotation``). Rotate a key in three steps: put the new key first in
``CONFIANZA_FIELD_KEYS`` (keep the old one after it) and restart; rotate; remove the old key and
restart.
"""

from __future__ import annotations

from django.apps import apps
from django.db import transaction

from clinic.crypto import EncryptedTextField, rotate


def encrypted_columns() -> list[tuple[type, list[str]]]:
    """Return every model with encrypted fields, and those fields' column names."""
    found = []
    for model in apps.get_models():
        columns = [f.column for f in model._meta.local_concrete_fields if isinstance(f, EncryptedTextField)]
        if columns:
            found.append((model, columns))
    return found


def rotate_model(model, columns: list[str], *, batch_size: int) -> int:
    """Re-encrypt one model's encrypted columns in batches of primary keys; return rows rewritten.

    Reads and writes the raw tokens (``.values()`` and ``.update()`` on the column, bypassing the
    field's own encrypt/decrypt), so plaintext never passes through a model instance. A token already
    under the newest key is rotated again harmlessly: running twice is safe.
    """
    pk_name = model._meta.pk.attname
    manager = model._base_manager
    last_pk = None
    rewritten = 0
    while True:
        queryset = manager.order_by(pk_name)
        if last_pk is not None:
            queryset = queryset.filter(**{f"{pk_name}__gt": last_pk})
        pks = list(queryset.values_list(pk_name, flat=True)[:batch_size])
        if not pks:
            return rewritten
        with transaction.atomic():
            rows = _raw_rows(model, columns, pks)
            for pk, values in rows.items():
                changes = {column: rotate(token) for column, token in values.items() if token}
                if changes:
                    _raw_update(model, pk, changes)
                    rewritten += 1
        last_pk = pks[-1]


def _raw_rows(model, columns: list[str], pks: list) -> dict:
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    placeholders = ", ".join(["%s"] * len(pks))
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {pk_column}, {quoted} FROM {table} WHERE {pk_column} IN ({placeholders}){lock}",  # noqa: S608  # nosec B608 # names from the ORM, values are parameters
            pks,
        )
        return {row[0]: dict(zip(columns, row[1:], strict=True)) for row in cursor.fetchall()}


def _raw_update(model, pk, changes: dict[str, str]) -> None:
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in changes)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {assignments} WHERE {pk_column} = %s",  # noqa: S608  # nosec B608 # names from the ORM, values are parameters
            [*changes.values(), pk],
        )


def rotate_all(*, batch_size: int = 500) -> dict[str, int]:
    """Re-encrypt every model's encrypted columns; return rows rewritten per model label."""
    return {model._meta.label: rotate_model(model, columns, batch_size=batch_size) for model, columns in encrypted_columns()}
