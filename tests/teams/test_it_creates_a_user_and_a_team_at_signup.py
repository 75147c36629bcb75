from __future__ import annotations

import pytest

from teams.middleware import SESSION_KEY
from teams.models import Membership, Role

pytestmark = pytest.mark.django_db


def test_it_creates_a_user_and_an_own_team(client, django_user_model):
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
    user = django_user_model.objects.get(email="dana@example.com")
    membership = Membership.objects.get(user=user)
    assert membership.role == Role.OWNER
    assert membership.team.name == "dana's team"
    assert client.session[SESSION_KEY] == str(membership.team_id)
    assert client.get("/teams/").status_code == 200


def test_it_shows_a_labelled_form_on_the_site_frame(client):
    response = client.get("/accounts/signup/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_email">Email</label>' in html
    assert '<label for="id_password1">Password</label>' in html
    assert '<label for="id_password2">Password (again)</label>' in html
    assert ">Sign up</button>" in html
    assert 'class="site-header"' in html  # our base.html, not allauth's bare layout
    assert "style=" not in html  # the CSP forbids inline styles


def test_it_says_why_a_signup_is_refused(client, alice):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.com", "password1": "short", "password2": "other"},
    )
    assert response.status_code == 200
    assert "This password is too short." in response.content.decode()
