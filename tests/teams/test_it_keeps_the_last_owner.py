from __future__ import annotations

import pytest

from teams.models import Membership, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_membership(alice, team):
    return Membership.objects.get(user=alice, team=team)


def test_it_refuses_to_let_the_last_owner_leave(alice_client, alice_membership):
    response = alice_client.post("/teams/settings/leave/", follow=True)
    assert (
        "You are this team&#x27;s only owner, so you cannot leave it." in response.content.decode()
    )
    assert Membership.objects.filter(pk=alice_membership.pk).exists()


def test_it_refuses_to_demote_the_last_owner(alice_client, alice_membership):
    response = alice_client.post(
        f"/teams/settings/members/{alice_membership.pk}/role/", {"role": "admin"}, follow=True
    )
    assert (
        "is the team&#x27;s only owner. Make someone else an owner first."
        in response.content.decode()
    )
    alice_membership.refresh_from_db()
    assert alice_membership.role == Role.OWNER


def test_it_refuses_to_remove_the_last_owner(client, bob, team, alice_membership):
    Membership.objects.filter(user=bob, team=team).update(role=Role.ADMIN)
    client.force_login(bob)
    # An admin may not touch an owner at all...
    assert client.post(f"/teams/settings/members/{alice_membership.pk}/remove/").status_code == 403
    # ...and an owner may not remove the only owner (here: herself).
    client.force_login(alice_membership.user)
    response = client.post(f"/teams/settings/members/{alice_membership.pk}/remove/", follow=True)
    assert "is the team&#x27;s only owner and cannot be removed." in response.content.decode()
    assert Membership.objects.filter(pk=alice_membership.pk).exists()


def test_it_lets_an_owner_leave_once_there_is_another(alice_client, bob, team, alice_membership):
    Membership.objects.filter(user=bob, team=team).update(role=Role.OWNER)
    response = alice_client.post("/teams/settings/leave/")
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=alice_membership.pk).exists()
    # Teamless now: the dashboard sends her to create one.
    assert alice_client.get("/teams/").url == "/teams/create/"
