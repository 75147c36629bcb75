from __future__ import annotations

import pytest
from django.core import mail

from teams.middleware import SESSION_KEY
from teams.models import Invitation, Membership, Role

from .conftest import link_in

pytestmark = pytest.mark.django_db


def test_it_emails_a_single_use_link(alice_client, team):
    response = alice_client.post(
        "/teams/settings/invite/", {"email": "Charlie@Example.com", "role": "admin"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(team=team)
    assert invitation.email == "charlie@example.com"
    assert invitation.role == Role.ADMIN
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["charlie@example.com"]
    assert "Alice's team" in message.subject
    assert link_in(message.body) == f"/teams/invitations/{invitation.token}/"
    page = alice_client.get("/teams/settings/").content.decode()
    assert "charlie@example.com" in page
    assert "We emailed an invitation to charlie@example.com." in page


def test_it_accepts_as_an_existing_logged_in_user(client, alice, charlie, team):
    client.force_login(alice)
    client.post("/teams/settings/invite/", {"email": "charlie@example.com", "role": "admin"})
    path = link_in(mail.outbox[0].body)
    client.logout()

    client.force_login(charlie)
    page = client.get(path)
    assert page.status_code == 200
    assert "Accept and join Alice&#x27;s team" in page.content.decode()
    response = client.post(path + "accept/")
    assert response.status_code == 302
    assert response.url == "/teams/"
    assert Membership.objects.get(team=team, user=charlie).role == Role.ADMIN
    assert client.session[SESSION_KEY] == str(team.pk)
    assert "You joined Alice&#x27;s team as admin." in client.get("/teams/").content.decode()


def test_it_accepts_as_a_new_user_who_signs_up_from_the_link(
    client, alice, team, django_user_model
):
    client.force_login(alice)
    client.post("/teams/settings/invite/", {"email": "dana@example.com", "role": "admin"})
    path = link_in(mail.outbox[0].body)
    client.logout()

    landing = client.get(path)
    assert landing.status_code == 200
    assert "Sign up to accept" in landing.content.decode()
    signup = client.get("/accounts/signup/")
    assert 'value="dana@example.com"' in signup.content.decode()  # prefilled from the invitation

    response = client.post(
        "/accounts/signup/",
        {
            "email": "dana@example.com",
            "password1": "a long new passphrase",
            "password2": "a long new passphrase",
        },
    )
    assert response.status_code == 302
    assert response.url == "/teams/"
    dana = django_user_model.objects.get(email="dana@example.com")
    # In the invited team with the invited role, and no team of her own.
    assert list(Membership.objects.filter(user=dana).values_list("team_id", "role")) == [
        (team.pk, Role.ADMIN)
    ]
    assert client.session[SESSION_KEY] == str(team.pk)
    assert Invitation.objects.get(team=team).accepted_by == dana
    assert client.get(path).status_code == 302  # her used link just takes her in


def test_it_does_not_join_a_new_user_who_signs_up_with_another_address(
    client, invite, team, django_user_model
):
    invitation = invite("dana@example.com")
    client.get(f"/teams/invitations/{invitation.token}/")
    client.post(
        "/accounts/signup/",
        {
            "email": "eve@example.com",
            "password1": "a long new passphrase",
            "password2": "a long new passphrase",
        },
    )
    eve = django_user_model.objects.get(email="eve@example.com")
    assert not Membership.objects.filter(user=eve, team=team).exists()
    assert Membership.objects.filter(user=eve).count() == 1  # her own team
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_it_refuses_a_logged_in_user_with_another_address(charlie_client, charlie, invite, team):
    invitation = invite("dana@example.com")
    page = charlie_client.get(f"/teams/invitations/{invitation.token}/")
    assert page.status_code == 403
    assert "This invitation was sent to dana@example.com" in page.content.decode()
    charlie_client.post(f"/teams/invitations/{invitation.token}/accept/")
    assert not Membership.objects.filter(user=charlie, team=team).exists()


def test_it_sends_a_fresh_link_when_inviting_again(alice_client, team):
    alice_client.post("/teams/settings/invite/", {"email": "dana@example.com", "role": "member"})
    alice_client.post("/teams/settings/invite/", {"email": "dana@example.com", "role": "member"})
    first, second = link_in(mail.outbox[0].body), link_in(mail.outbox[1].body)
    assert first != second
    assert alice_client.get(first).status_code == 410
    assert Invitation.objects.filter(team=team, revoked_at__isnull=True).count() == 1


def test_it_refuses_to_invite_a_member(alice_client, bob):
    response = alice_client.post(
        "/teams/settings/invite/", {"email": "bob@example.com", "role": "member"}
    )
    assert response.status_code == 400
    assert "bob@example.com is already a member of this team." in response.content.decode()
    assert mail.outbox == []


def test_it_brings_an_existing_user_back_to_the_link_after_signing_in(
    client, charlie, invite, team
):
    invitation = invite("charlie@example.com")
    path = f"/teams/invitations/{invitation.token}/"
    landing = client.get(path).content.decode()
    assert "Sign in to accept" in landing
    response = client.post(
        f"/accounts/login/?next={path}",
        {"login": "charlie@example.com", "password": "correct horse battery", "next": path},
    )
    assert response.url == path
    client.post(path + "accept/")
    assert Membership.objects.get(team=team, user=charlie).role == Role.MEMBER
    assert Membership.objects.filter(user=charlie).count() == 2  # he keeps his own team
