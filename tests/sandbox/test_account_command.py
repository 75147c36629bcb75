from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_it_creates_an_account_and_prints_its_key_on_the_last_line():
    from sandbox.models import Account, ApiKey
    from sandbox.services import hash_key

    out = StringIO()
    call_command("sandbox_account", "--credits", "50", "--label", "demo", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    assert key.startswith("rf_test_")
    account = Account.objects.get()
    assert (account.label, account.balance) == ("demo", Decimal("50"))
    stored = ApiKey.objects.get()
    assert stored.key_hash == hash_key(key) and key not in (stored.key_hash, stored.prefix)
