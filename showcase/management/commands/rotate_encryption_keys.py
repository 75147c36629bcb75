from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from showcase.crypto import encrypted_fields, rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored secret under the first key of FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then drop the old keys."
    )

    def handle(self, *args, **options):
        total = 0
        for model, field in encrypted_fields():
            count = 0
            with transaction.atomic():
                # Read the raw tokens (no decryption into Python objects), rotate, write raw.
                rows = (
                    model._base_manager.select_for_update()
                    .exclude(**{f"{field.attname}__isnull": True})
                    .exclude(**{field.attname: ""})
                    .values_list("pk", flat=True)
                )
                table, column = model._meta.db_table, field.column
                from django.db import connection

                qn = connection.ops.quote_name
                with connection.cursor() as cur:
                    for pk in list(rows):
                        cur.execute(
                            f"SELECT {qn(column)} FROM {qn(table)} WHERE {qn(model._meta.pk.column)} = %s",
                            [pk],
                        )
                        (token,) = cur.fetchone()
                        cur.execute(
                            f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE {qn(model._meta.pk.column)} = %s",
                            [rotate(token), pk],
                        )
                        count += 1
            self.stdout.write(f"{model._meta.label}.{field.name}: {count} re-encrypted")
            total += count
        self.stdout.write(self.style.SUCCESS(f"{total} secrets re-encrypted under the first key."))
