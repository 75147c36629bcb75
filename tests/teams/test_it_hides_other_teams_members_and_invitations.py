from __future__ import annotations

import pytest

from teams.models import Membership, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def bob_membership(bob, team):
    return Membership.objects.get(user=bob, team=team)


def test_it_answers_404_to_an_outsider_changing_a_role(charlie_client, bob_membership):
    response = charlie_client.post(
        f"/teams/settings/members/{bob_membership.pk}/role/", {"role": "owner"}
    )
    assert response.status_code == 404
    bob_membership.refresh_from_db()
    assert bob_membership.role == Role.MEMBER


def test_it_answers_404_to_an_outsider_removing_a_member(charlie_client, bob_membership):
    response = charlie_client.post(f"/teams/settings/members/{bob_membership.pk}/remove/")
    assert response.status_code == 404
    assert Membership.objects.filter(pk=bob_membership.pk).exists()


def test_it_answers_404_to_an_outsider_revoking_an_invitation(charlie_client, invite):
    invitation = invite("dana@example.com")
    response = charlie_client.post(f"/teams/settings/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_it_never_lists_another_teams_members(charlie_client, bob, invite):
    invite("dana@example.com")
    page = charlie_client.get("/teams/settings/").content.decode()
    assert "charlie@example.com" in page
    assert "bob@example.com" not in page
    assert "alice@example.com" not in page
    assert "dana@example.com" not in page
