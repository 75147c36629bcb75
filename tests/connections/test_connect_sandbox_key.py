"""Saving a key verifies it by creating the org's callback secret at the sandbox."""

from connections.models import Connection


def test_it_connects_a_sandbox_key_and_shows_it_only_masked(alice_client, alice, sandbox_key):
    from sandbox.models import CallbackSecret as SandboxSecret

    response = alice_client.post("/keys/add/", {"label": "Sandbox", "api_key": sandbox_key})

    assert response.status_code == 302
    connection = Connection.objects.get()
    assert (connection.environment, connection.created_by, connection.label) == (
        "sandbox",
        alice,
        "Sandbox",
    )
    assert connection.api_key == sandbox_key
    assert connection.masked_key == f"rf_test_…{sandbox_key[-4:]}"
    secret = connection.secrets.get()
    assert secret.secret.startswith("rf_whsec_") and secret.revoked_at is None
    assert SandboxSecret.objects.get().label == "Dyver showcase · Alice's team"
    html = alice_client.get("/keys/").content.decode()
    assert connection.masked_key in html and "Sandbox" in html
    assert (
        f"/webhooks/runflow/{connection.webhook_token}/" in html and 'data-copy="#webhook-' in html
    )
    assert sandbox_key not in html and secret.secret not in html
