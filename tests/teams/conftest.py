from __future__ import annotations

import re

import pytest


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth keeps its rate-limit counters in the (locmem) cache; start each test clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def invite(team, alice):
    """An invitation from alice to her team."""
    from teams.services import invitation_create

    def make(email: str, role: str = "member"):
        return invitation_create(
            team=team, email=email, role=role, by=alice.memberships.get(team=team)
        )

    return make


def link_in(body: str) -> str:
    """The path of the first /teams/invitations/… link in an email body."""
    match = re.search(r"https?://[^/\s]+(/teams/invitations/[^/\s]+/)", body)
    assert match, body
    return match.group(1)
