from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-key/",
    "/accounts/password/reset/key/1-not-a-key/",
]
SIGNED_IN = ["/accounts/logout/", "/accounts/password/change/", "/accounts/email/"]


def _assert_framed(response):
    html = response.content.decode()
    assert response.status_code == 200, response
    assert 'class="site-header"' in html
    assert "static/css/teams.css" in html
    assert " style=" not in html  # the CSP forbids inline styles
    for tag in re.findall(r"<script\b[^>]*>", html):  # inline scripts need the nonce
        assert "src=" in tag or "nonce=" in tag or "application/json" in tag, tag


@pytest.mark.parametrize("path", PUBLIC)
def test_it_frames_the_public_account_pages(client, path):
    _assert_framed(client.get(path, follow=True))


@pytest.mark.parametrize("path", SIGNED_IN)
def test_it_frames_the_signed_in_account_pages(alice_client, path):
    _assert_framed(alice_client.get(path))
