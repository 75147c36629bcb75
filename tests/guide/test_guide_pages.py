from __future__ import annotations

import pytest
from django.urls import reverse

from guide.views import SECTIONS
from tests.gallery.factories import make_connection

pytestmark = pytest.mark.django_db


def _pages():
    return [
        reverse("guide:page", kwargs={"slug": s}) if s else reverse("guide:index")
        for s, *_ in SECTIONS
    ]


def test_it_serves_every_page_with_copy_buttons(client):
    assert reverse("guide:index") == "/guide/"
    for url in _pages():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert html.count("data-copy=") == html.count('class="snippet"') > 0, url


def test_it_shows_placeholders_when_logged_out(client):
    html = client.get(reverse("guide:page", kwargs={"slug": "batches"})).content.decode()
    assert "https://you.example/webhooks/runflow" in html
    assert "https://api.runflow.io" in client.get(reverse("guide:index")).content.decode()


def test_it_fills_in_the_readers_webhook_url_and_key_prefix(alice_client, team):
    connection = make_connection(team, label="Production", key_prefix="rf_live_", key_last4="9z8y")
    pages = "".join(alice_client.get(url).content.decode() for url in _pages())
    assert connection.webhook_url in pages
    assert "rf_live_…9z8y" in pages
    assert connection.api_key not in pages
    assert connection.api_key[8:] not in pages


def test_it_ignores_a_revoked_key(alice_client, team):
    from django.utils import timezone

    make_connection(team, key_last4="dead", revoked_at=timezone.now())
    html = alice_client.get(reverse("guide:index")).content.decode()
    assert "dead" not in html


def test_it_never_shows_another_teams_key(charlie_client, team):
    connection = make_connection(team, key_last4="4321")
    html = "".join(charlie_client.get(url).content.decode() for url in _pages())
    assert "…4321" not in html
    assert connection.webhook_url not in html


def test_it_answers_404_for_an_unknown_page(client):
    assert client.get("/guide/nope/").status_code == 404
