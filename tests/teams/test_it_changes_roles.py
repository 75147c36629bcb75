from __future__ import annotations

import pytest

from teams.models import Membership, Role

pytestmark = pytest.mark.django_db


def test_it_lets_an_owner_make_an_owner(alice_client, bob, team):
    mine = Membership.objects.get(user=bob, team=team)
    response = alice_client.post(
        f"/teams/settings/members/{mine.pk}/role/", {"role": "owner"}, follow=True
    )
    assert "Bob is now owner." in response.content.decode()
    mine.refresh_from_db()
    assert mine.role == Role.OWNER


def test_it_lets_an_admin_manage_members_but_not_owners(client, alice, bob, make_user, team):
    dana = make_user("dana@example.com")
    Membership.objects.create(team=team, user=dana, role=Role.ADMIN)
    client.force_login(dana)
    bobs = Membership.objects.get(user=bob, team=team)

    assert (
        client.post(f"/teams/settings/members/{bobs.pk}/role/", {"role": "admin"}).status_code
        == 302
    )
    bobs.refresh_from_db()
    assert bobs.role == Role.ADMIN

    made_owner = client.post(f"/teams/settings/members/{bobs.pk}/role/", {"role": "owner"})
    assert made_owner.status_code == 403
    assert "Only an owner can make or unmake owners." in made_owner.content.decode()

    alices = Membership.objects.get(user=alice, team=team)
    assert (
        client.post(f"/teams/settings/members/{alices.pk}/role/", {"role": "member"}).status_code
        == 403
    )
    alices.refresh_from_db()
    assert alices.role == Role.OWNER

    assert (
        client.post(
            "/teams/settings/invite/", {"email": "x@example.com", "role": "owner"}
        ).status_code
        == 400
    )


def test_it_removes_a_member(alice_client, bob, team):
    bobs = Membership.objects.get(user=bob, team=team)
    response = alice_client.post(f"/teams/settings/members/{bobs.pk}/remove/", follow=True)
    assert "Bob is no longer in Alice&#x27;s team." in response.content.decode()
    assert not Membership.objects.filter(pk=bobs.pk).exists()


def test_it_lets_a_member_leave(bob_client, bob, team):
    response = bob_client.post("/teams/settings/leave/")
    assert response.status_code == 302
    assert not Membership.objects.filter(user=bob).exists()
