"""Reads the team views share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from .models import Invitation, Membership, Team

if TYPE_CHECKING:
    from accounts.models import User


def membership_list(*, team: Team) -> QuerySet[Membership]:
    return team.memberships.select_related("user").order_by("created_at")


def invitation_pending_list(*, team: Team) -> QuerySet[Invitation]:
    return team.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def invitation_by_token(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("team", "invited_by").filter(token=token).first()


def membership_for_user(*, user: User, team_id) -> Membership | None:
    """The user's own membership in a team, or None (a team they are not in)."""
    return Membership.objects.select_related("team").filter(user=user, team_id=team_id).first()


def user_memberships(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.select_related("team").filter(user=user).order_by("team__name")


@dataclass(frozen=True)
class TeamOverview:
    members: int
    pending_invitations: int
    active_keys: int
    batches: int
    finished_items: int
    recent_batches: list


def team_overview(*, team: Team) -> TeamOverview:
    """The counts behind the dashboard's next steps."""
    from batches.models import Batch, Item, ItemStatus
    from connections.models import Connection

    batches = Batch.objects.filter(team=team)
    return TeamOverview(
        members=team.memberships.count(),
        pending_invitations=invitation_pending_list(team=team).count(),
        active_keys=Connection.objects.filter(team=team).active().count(),
        batches=batches.count(),
        finished_items=Item.objects.filter(team=team, status=ItemStatus.SUCCEEDED).count(),
        recent_batches=list(batches.order_by("-created_at")[:5]),
    )
