"""Every write to teams, memberships and invitations."""

from __future__ import annotations

from django.db import transaction

from .middleware import SESSION_KEY
from .models import Membership, Role, Team


@transaction.atomic
def team_create(*, name: str, owner, request=None) -> Team:
    team = Team.objects.create(name=name.strip())
    Membership.objects.create(team=team, user=owner, role=Role.OWNER)
    if request is not None:
        team_switch(request=request, team=team)
    return team


def team_create_for_new_user(*, user, request=None) -> Team | None:
    """A fresh sign-up gets a team named after them (skipped if they already joined one)."""
    if Membership.objects.filter(user=user).exists():
        return None
    local = user.email.split("@", 1)[0]
    return team_create(name=f"{local}'s team", owner=user, request=request)


def team_switch(*, request, team: Team) -> None:
    request.session[SESSION_KEY] = str(team.pk)
