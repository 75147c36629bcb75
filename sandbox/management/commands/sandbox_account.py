"""`manage.py sandbox_account --credits 50 [--label NAME]`: a sandbox org and its key.

The raw `rf_test_…` key is printed alone on the last line, for scripts to take.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from sandbox.services import account_create


class Command(BaseCommand):
    help = "Create a sandbox account with a credit balance and print its API key."

    def add_arguments(self, parser):
        parser.add_argument("--credits", required=True, help="starting balance, e.g. 50")
        parser.add_argument("--label", default="sandbox", help="a name for the account")

    def handle(self, *args, credits: str, label: str, **options):
        try:
            amount = Decimal(credits)
        except InvalidOperation as exc:
            raise CommandError(f"--credits must be a number, not {credits!r}") from exc
        if amount < 0:
            raise CommandError("--credits must not be negative")
        account, raw = account_create(credits=amount, label=label)
        self.stdout.write(
            f"Sandbox account {account.label!r} ({account.id}) with {amount:.6f} credits."
        )
        self.stdout.write("Its API key, shown once:")
        self.stdout.write(raw)
