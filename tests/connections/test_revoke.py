from connections.models import Connection
from tests.flow.conftest import make_connection


def test_it_revokes_a_key_and_wipes_it(alice_client, alice, team):
    connection = make_connection(team)

    response = alice_client.post(f"/keys/{connection.pk}/revoke/")

    assert response.status_code == 302
    connection = Connection.objects.get()
    assert connection.revoked_at is not None and connection.revoked_by == alice
    assert connection.api_key == ""
    assert connection.secrets.get().revoked_at is None  # batches already sent still report back
    assert "Revoked" in alice_client.get("/keys/").content.decode()
