from __future__ import annotations

import pytest

from teams.models import Membership, Role

pytestmark = pytest.mark.django_db


def test_it_lists_members_roles_and_pending_invitations(alice_client, bob, invite):
    invite("dana@example.com", role="admin")
    html = alice_client.get("/teams/settings/").content.decode()
    assert "alice@example.com" in html and "bob@example.com" in html
    assert '<option value="member" selected>Member</option>' in html
    assert "dana@example.com" in html
    assert "Revoke" in html
    assert 'href="/keys/' in html


def test_it_reads_the_page_in_the_same_queries_for_more_members(
    alice_client, team, make_user, invite, django_assert_max_num_queries
):
    for n in range(6):
        Membership.objects.create(team=team, user=make_user(f"m{n}@example.com"), role=Role.MEMBER)
        invite(f"i{n}@example.com")
    with django_assert_max_num_queries(12):
        assert alice_client.get("/teams/settings/").status_code == 200


def test_it_offers_admins_no_owner_role(client, team, make_user):
    dana = make_user("dana@example.com")
    Membership.objects.create(team=team, user=dana, role=Role.ADMIN)
    client.force_login(dana)
    html = client.get("/teams/settings/").content.decode()
    assert 'value="owner"' not in html
