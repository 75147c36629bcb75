from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection as db

from connections.models import CallbackSecret, Connection
from showcase.crypto import DecryptionError

KEY = "rf_test_" + "s3cr3tK3yMaterial" * 2 + "a1b2"
SECRET = "rf_whsec_" + "w3bh00kS3cret" * 2


def _raw(model, column: str, pk) -> str:
    """The column as stored, read with SQL (no model field in between)."""
    pk = model._meta.pk.get_db_prep_value(pk, db)
    with db.cursor() as cur:
        cur.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])
        return cur.fetchone()[0]


@pytest.fixture
def saved(team, alice):
    conn = Connection.objects.create(
        team=team,
        label="Sandbox",
        environment="sandbox",
        api_key=KEY,
        key_prefix="rf_test_",
        key_last4=KEY[-4:],
        base_url="http://127.0.0.1:8000/sandbox",
        created_by=alice,
    )
    secret = CallbackSecret.objects.create(
        connection=conn, runflow_id="cs_1", label="x", secret=SECRET
    )
    return conn, secret


@pytest.mark.django_db
def test_it_keeps_no_part_of_the_key_in_clear_in_the_database(saved):
    conn, secret = saved
    raw_key = _raw(Connection, "api_key", conn.pk)
    raw_secret = _raw(CallbackSecret, "secret", secret.pk)
    for raw, clear in ((raw_key, KEY), (raw_secret, SECRET)):
        assert raw and raw.startswith("gAAAAA")  # a Fernet token
        body = clear.split("_", 2)[-1]
        for i in range(0, len(body) - 6):
            assert body[i : i + 6] not in raw
    assert Connection.objects.get(pk=conn.pk).api_key == KEY


@pytest.mark.django_db
def test_it_raises_instead_of_returning_ciphertext_under_a_wrong_key(saved, settings):
    conn, _ = saved
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(DecryptionError):
        Connection.objects.get(pk=conn.pk)


@pytest.mark.django_db
def test_it_rotates_every_secret_to_the_new_first_key(saved, settings):
    conn, secret = saved
    old = list(settings.FIELD_ENCRYPTION_KEYS)
    new = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new, *old]
    before = _raw(Connection, "api_key", conn.pk)

    call_command("rotate_encryption_keys", stdout=io.StringIO())

    after = _raw(Connection, "api_key", conn.pk)
    assert after != before
    assert Fernet(new.encode()).decrypt(after.encode()).decode() == KEY
    settings.FIELD_ENCRYPTION_KEYS = [new]  # the old key dropped: still readable
    assert Connection.objects.get(pk=conn.pk).api_key == KEY
    assert CallbackSecret.objects.get(pk=secret.pk).secret == SECRET
