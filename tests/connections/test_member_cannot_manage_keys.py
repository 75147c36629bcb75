from connections.models import Connection
from tests.flow.conftest import make_connection


def test_it_shows_a_member_the_keys_without_add_or_revoke(bob_client, team):
    connection = make_connection(team)

    page = bob_client.get("/keys/")

    assert page.status_code == 200
    html = page.content.decode()
    assert connection.masked_key in html and connection.webhook_url in html
    assert "Connect key" not in html and "Revoke" not in html


def test_it_answers_403_when_a_member_adds_or_revokes_a_key(bob_client, team):
    connection = make_connection(team)

    added = bob_client.post("/keys/add/", {"label": "Mine", "api_key": "rf_test_abcdefghijklmnop"})
    revoked = bob_client.post(f"/keys/{connection.pk}/revoke/")

    assert (added.status_code, revoked.status_code) == (403, 403)
    assert Connection.objects.count() == 1
    assert Connection.objects.get().revoked_at is None
