from __future__ import annotations

import pytest
from django.utils import timezone

from connections.models import Connection


def _connection(team, **extra):
    return Connection.objects.create(
        team=team,
        label=extra.pop("label", "Sandbox"),
        environment="sandbox",
        api_key="rf_test_teamsettings1234abcd",
        key_prefix="rf_test_",
        key_last4="abcd",
        base_url="http://127.0.0.1:8000/sandbox",
        **extra,
    )


@pytest.mark.django_db
def test_it_lists_each_connections_webhook_url_and_last_delivery(bob_client, team):
    quiet = _connection(team, label="Quiet key")
    busy = _connection(team, label="Busy key", last_delivery_at=timezone.now())
    _connection(team, label="Old key", revoked_at=timezone.now())

    page = bob_client.get("/teams/settings/").content.decode()

    assert quiet.webhook_url in page and busy.webhook_url in page
    assert f'data-copy="#team-webhook-{busy.pk}"' in page
    assert "No delivery received yet." in page and "Last delivery" in page
    assert "Old key" not in page
    assert "rf_test_teamsettings1234abcd" not in page


@pytest.mark.django_db
def test_it_says_what_to_do_when_no_key_is_connected(alice_client):
    page = alice_client.get("/teams/settings/").content.decode()
    assert "No key is connected, so there is no webhook URL yet." in page


@pytest.mark.django_db
def test_it_never_shows_another_teams_webhook_url(charlie_client, team):
    alices = _connection(team)
    page = charlie_client.get("/teams/settings/").content.decode()
    assert str(alices.webhook_token) not in page
