"""The raw columns of a saved key and secret hold no part of them in clear (read with SQL)."""

from django.db import connection as db


def _windows(value: str, size: int = 6) -> set[str]:
    return {value[i : i + size] for i in range(len(value) - size + 1)}


def test_it_stores_the_key_and_the_secret_encrypted(connection, sandbox_key):
    secret = connection.secrets.get().secret
    pk = connection.pk.hex if db.vendor == "sqlite" else connection.pk  # how each stores a uuid
    with db.cursor() as cursor:
        cursor.execute("SELECT api_key FROM connections_connection WHERE id = %s", [pk])
        raw_key = cursor.fetchone()[0]
        cursor.execute(
            "SELECT secret FROM connections_callbacksecret WHERE connection_id = %s", [pk]
        )
        raw_secret = cursor.fetchone()[0]

    assert raw_key and raw_secret
    assert not any(w in raw_key for w in _windows(sandbox_key.removeprefix("rf_test_")))
    assert "rf_test_" not in raw_key
    assert not any(w in raw_secret for w in _windows(secret.removeprefix("rf_whsec_")))
    assert "rf_whsec_" not in raw_secret
