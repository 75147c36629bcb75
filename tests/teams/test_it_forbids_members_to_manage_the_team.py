from __future__ import annotations

import pytest
from django.core import mail

from teams.models import Invitation, Membership, Role

pytestmark = pytest.mark.django_db


def test_it_forbids_a_member_to_invite(bob_client, team):
    response = bob_client.post(
        "/teams/settings/invite/", {"email": "dana@example.com", "role": "member"}
    )
    assert response.status_code == 403
    assert "Only the team&#x27;s owners and admins can do this." in response.content.decode()
    assert not Invitation.objects.filter(team=team).exists()
    assert mail.outbox == []


def test_it_forbids_a_member_to_change_roles(bob_client, bob, team):
    mine = Membership.objects.get(user=bob, team=team)
    assert (
        bob_client.post(f"/teams/settings/members/{mine.pk}/role/", {"role": "owner"}).status_code
        == 403
    )
    mine.refresh_from_db()
    assert mine.role == Role.MEMBER


def test_it_forbids_a_member_to_remove_anyone(bob_client, alice, team):
    owner = Membership.objects.get(user=alice, team=team)
    assert bob_client.post(f"/teams/settings/members/{owner.pk}/remove/").status_code == 403
    assert Membership.objects.filter(pk=owner.pk).exists()


def test_it_forbids_a_member_to_revoke_an_invitation(bob_client, invite):
    invitation = invite("dana@example.com")
    assert (
        bob_client.post(f"/teams/settings/invitations/{invitation.pk}/revoke/").status_code == 403
    )
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_it_shows_a_member_the_team_without_the_controls(bob_client):
    page = bob_client.get("/teams/settings/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "alice@example.com" in html
    assert "Send invitation" not in html
    assert "Change role" not in html
