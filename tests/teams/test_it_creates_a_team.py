from __future__ import annotations

import pytest

from teams.middleware import SESSION_KEY
from teams.models import Membership, Role

pytestmark = pytest.mark.django_db


def test_it_creates_a_team_owned_by_me_and_switches_to_it(alice_client, alice):
    response = alice_client.post("/teams/create/", {"name": "  Catalogue  "})
    assert response.status_code == 302
    membership = Membership.objects.get(user=alice, team__name="Catalogue")
    assert membership.role == Role.OWNER
    assert alice_client.session[SESSION_KEY] == str(membership.team_id)


def test_it_asks_for_a_name(alice_client):
    response = alice_client.post("/teams/create/", {"name": "   "})
    assert response.status_code == 400
    assert (
        "This field is required." in response.content.decode()
        or "Give the team a name." in response.content.decode()
    )
