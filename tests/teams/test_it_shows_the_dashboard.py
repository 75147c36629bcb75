from __future__ import annotations

import pytest

from teams.models import Membership

pytestmark = pytest.mark.django_db


def test_it_shows_next_steps_as_empty_states(alice_client):
    response = alice_client.get("/teams/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alice&#x27;s team" in html
    assert "Connect a key" in html and 'href="/keys/' in html
    assert "No batches yet." in html and 'href="/batches/new/"' in html
    assert "Nothing finished yet." in html and 'href="/gallery/"' in html
    assert "You are the only member." in html


def test_it_tells_a_member_whom_to_ask_for_a_key(bob_client):
    assert "Ask one of the team's owners or admins" in bob_client.get("/teams/").content.decode()


def test_it_sends_a_visitor_to_log_in(client):
    response = client.get("/teams/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_it_sends_someone_without_a_team_to_create_one(client, bob, team):
    Membership.objects.filter(user=bob).delete()
    client.force_login(bob)
    assert client.get("/teams/").url == "/teams/create/"
    assert "You are not in a team yet." in client.get("/teams/create/").content.decode()


def test_it_reads_the_dashboard_in_a_few_queries(alice_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        alice_client.get("/teams/")
