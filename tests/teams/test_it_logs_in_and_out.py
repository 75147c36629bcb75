from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_the_login_form_with_labels(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<label for="id_login">Email</label>' in html
    assert '<label for="id_password">Password</label>' in html
    assert ">Sign in</button>" in html
    assert "/accounts/password/reset/" in html


def test_it_logs_in_to_the_dashboard(client, alice):
    response = client.post(
        "/accounts/login/", {"login": "alice@example.com", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert response.url == "/teams/"


def test_it_says_when_the_password_is_wrong(client, alice):
    response = client.post("/accounts/login/", {"login": "alice@example.com", "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_it_logs_out_with_a_post(alice_client):
    assert alice_client.get("/accounts/logout/").status_code == 200  # a confirmation page
    response = alice_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in alice_client.session


def test_it_keeps_allauths_failed_login_rate_limit(client, alice):
    for _ in range(5):
        client.post("/accounts/login/", {"login": "alice@example.com", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"login": "alice@example.com", "password": "correct horse battery"}
    )
    assert response.status_code == 200
    assert "Too many failed login attempts." in response.content.decode()
