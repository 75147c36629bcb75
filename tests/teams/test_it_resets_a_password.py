from __future__ import annotations

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def test_it_emails_a_link_that_sets_a_new_password(client, alice):
    response = client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
    link = re.search(
        r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body
    ).group(1)

    form_page = client.get(link, follow=True)  # allauth moves the key into the session
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.content.decode()
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(
        action, {"password1": "a brand new passphrase", "password2": "a brand new passphrase"}
    )
    assert done.status_code == 302

    alice.refresh_from_db()
    assert alice.check_password("a brand new passphrase")
    assert (
        client.post(
            "/accounts/login/", {"login": "alice@example.com", "password": "a brand new passphrase"}
        ).status_code
        == 302
    )


def test_it_does_not_say_whether_an_address_has_an_account(client):
    response = client.post(
        "/accounts/password/reset/", {"email": "nobody@example.com"}, follow=True
    )
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()


def test_it_changes_the_password_of_a_signed_in_user(alice_client, alice):
    response = alice_client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "correct horse battery",
            "password1": "a brand new passphrase",
            "password2": "a brand new passphrase",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a brand new passphrase")
