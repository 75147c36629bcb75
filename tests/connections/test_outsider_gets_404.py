from connections.models import Connection
from tests.flow.conftest import make_connection


def test_it_answers_404_when_an_outsider_revokes_alices_key(charlie_client, team):
    connection = make_connection(team)

    response = charlie_client.post(f"/keys/{connection.pk}/revoke/")

    assert response.status_code == 404
    assert Connection.objects.get().revoked_at is None


def test_it_never_lists_another_teams_keys(charlie_client, team):
    connection = make_connection(team)

    html = charlie_client.get("/keys/").content.decode()

    assert connection.masked_key not in html and str(connection.webhook_token) not in html
