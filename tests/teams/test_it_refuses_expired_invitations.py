from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from teams.models import INVITATION_LIFETIME, Membership

pytestmark = pytest.mark.django_db


def test_it_expires_after_seven_days(invite):
    invitation = invite("charlie@example.com")
    assert timedelta(days=7) == INVITATION_LIFETIME
    assert abs(invitation.expires_at - invitation.created_at - INVITATION_LIFETIME) < timedelta(
        seconds=5
    )


def test_it_refuses_an_expired_invitation_with_a_sentence(charlie_client, charlie, invite, team):
    invitation = invite("charlie@example.com")
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()

    page = charlie_client.get(f"/teams/invitations/{invitation.token}/")
    assert page.status_code == 410
    assert "This invitation expired on" in page.content.decode()

    response = charlie_client.post(f"/teams/invitations/{invitation.token}/accept/")
    assert response.status_code == 410
    assert not Membership.objects.filter(team=team, user=charlie).exists()


def test_it_answers_404_for_an_unknown_token(client):
    page = client.get("/teams/invitations/no-such-token/")
    assert page.status_code == 404
    assert "This invitation link is not valid." in page.content.decode()
