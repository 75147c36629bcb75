from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from showcase.crypto import encrypted_fields, rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored secret under the first key of FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then drop the old keys."
    )

    def handle(self, *args, **options):
        qn = connection.ops.quote_name
        total = 0
        for model, field in encrypted_fields():
            table, column, pk = qn(model._meta.db_table), qn(field.column), model._meta.pk
            select = f"SELECT {qn(pk.column)}, {column} FROM {table} WHERE {column} <> ''"  # noqa: S608
            update = f"UPDATE {table} SET {column} = %s WHERE {qn(pk.column)} = %s"  # noqa: S608
            count = 0
            # Raw tokens in, raw tokens out: the secrets are never decrypted into rows.
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute(select)
                for row_pk, token in cur.fetchall():
                    if token:
                        cur.execute(update, [rotate(token), row_pk])
                        count += 1
            self.stdout.write(f"{model._meta.label}.{field.name}: {count} re-encrypted")
            total += count
        self.stdout.write(self.style.SUCCESS(f"{total} secrets re-encrypted under the first key."))
