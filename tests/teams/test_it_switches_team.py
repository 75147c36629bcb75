from __future__ import annotations

import pytest

from teams.middleware import SESSION_KEY
from teams.services import team_create

pytestmark = pytest.mark.django_db


def test_it_switches_to_another_of_my_teams(alice_client, alice, team):
    second = team_create(name="Second", owner=alice)
    response = alice_client.post("/teams/switch/", {"team": str(second.pk)})
    assert response.status_code == 302
    assert alice_client.session[SESSION_KEY] == str(second.pk)
    assert "Second" in alice_client.get("/teams/").content.decode()

    alice_client.post("/teams/switch/", {"team": str(team.pk)})
    assert alice_client.session[SESSION_KEY] == str(team.pk)


def test_it_answers_404_for_a_team_i_am_not_in(alice_client, charlie_team, team):
    response = alice_client.post("/teams/switch/", {"team": str(charlie_team.pk)})
    assert response.status_code == 404
    assert alice_client.session.get(SESSION_KEY) in (None, str(team.pk))


def test_it_answers_404_for_a_malformed_id(alice_client):
    assert alice_client.post("/teams/switch/", {"team": "not-a-uuid"}).status_code == 404


def test_it_only_accepts_post(alice_client, team):
    assert alice_client.get("/teams/switch/", {"team": str(team.pk)}).status_code == 405
