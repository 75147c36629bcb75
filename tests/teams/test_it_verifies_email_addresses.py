from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from teams.models import Membership

pytestmark = pytest.mark.django_db

SIGNUP = {"password1": "a long new passphrase", "password2": "a long new passphrase"}


@pytest.fixture
def mandatory(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"


def test_it_sends_a_confirmation_link_and_confirms(client, mandatory):
    response = client.post(
        "/accounts/signup/", {"email": "dana@example.com", **SIGNUP}, follow=True
    )
    assert "Confirm your email address" in response.content.decode()
    assert "We have emailed you a link." in response.content.decode()
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[0].body).group(1)

    page = client.get(link)
    assert page.status_code == 200
    assert (
        "Confirm that <strong>dana@example.com</strong> is your email address."
        in page.content.decode()
    )
    client.post(link)
    assert EmailAddress.objects.get(email="dana@example.com").verified


def test_it_explains_a_broken_confirmation_link(client):
    page = client.get("/accounts/confirm-email/not-a-key/")
    assert "This confirmation link has expired or is not valid." in page.content.decode()


def test_it_trusts_the_invited_address_without_a_second_email(client, mandatory, invite, team):
    invitation = invite("dana@example.com")
    client.get(f"/teams/invitations/{invitation.token}/")
    response = client.post("/accounts/signup/", {"email": "dana@example.com", **SIGNUP})
    assert response.status_code == 302
    assert response.url == "/teams/"  # signed in straight away: the invitation proved the address
    assert mail.outbox == []  # no confirmation email
    assert EmailAddress.objects.get(email="dana@example.com").verified
    assert Membership.objects.get(user__email="dana@example.com").team == team


def test_it_adds_an_address_and_sends_it_a_confirmation(alice_client, alice):
    response = alice_client.post(
        "/accounts/email/", {"email": "alice@work.example", "action_add": ""}, follow=True
    )
    html = response.content.decode()
    assert "alice@work.example" in html
    assert "Not confirmed" in html
    assert [m.to for m in mail.outbox] == [["alice@work.example"]]
    assert EmailAddress.objects.filter(user=alice, email="alice@work.example").exists()
