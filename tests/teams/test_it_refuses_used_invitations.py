from __future__ import annotations

import pytest

from teams.models import Membership

pytestmark = pytest.mark.django_db


def test_it_refuses_an_invitation_used_once_already(client, make_user, invite, team):
    invitation = invite("charlie@example.com")
    charlie = make_user("charlie@example.com")
    client.force_login(charlie)
    assert client.post(f"/teams/invitations/{invitation.token}/accept/").status_code == 302
    Membership.objects.filter(team=team, user=charlie).delete()  # removed later by alice

    again = client.post(f"/teams/invitations/{invitation.token}/accept/")
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert not Membership.objects.filter(team=team, user=charlie).exists()

    client.logout()
    page = client.get(f"/teams/invitations/{invitation.token}/")
    assert page.status_code == 410
    assert "already been used" in page.content.decode()


def test_it_refuses_a_revoked_invitation(client, alice, charlie, invite, team):
    invitation = invite("charlie@example.com")
    client.force_login(alice)
    response = client.post(f"/teams/settings/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 302
    client.logout()

    client.force_login(charlie)
    refused = client.post(f"/teams/invitations/{invitation.token}/accept/")
    assert refused.status_code == 410
    assert "This invitation was withdrawn." in refused.content.decode()
    assert not Membership.objects.filter(team=team, user=charlie).exists()
