"""Every write to teams, memberships and invitations.

Rules a person can break (the last owner leaving, an admin touching an owner) raise
`TeamError` or `PermissionDenied` with a sentence the view shows as it is.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from .middleware import SESSION_KEY
from .models import Invitation, Membership, Role, Team

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User

log = logging.getLogger(__name__)

# The invitation a visitor opened before signing up: the sign-up adapter reads it.
INVITATION_SESSION_KEY = "teams_invitation_token"


class TeamError(Exception):
    """A refusal with a sentence for the person who asked."""


# --- teams ------------------------------------------------------------------------


@transaction.atomic
def team_create(*, name: str, owner: User, request: HttpRequest | None = None) -> Team:
    team = Team.objects.create(name=name.strip())
    Membership.objects.create(team=team, user=owner, role=Role.OWNER)
    if request is not None:
        team_switch(request=request, team=team)
    return team


def team_create_for_new_user(*, user: User, request: HttpRequest | None = None) -> Team | None:
    """A fresh sign-up gets a team named after them (skipped if they already joined one)."""
    if Membership.objects.filter(user=user).exists():
        return None
    local = user.email.split("@", 1)[0]
    return team_create(name=f"{local}'s team", owner=user, request=request)


def team_switch(*, request: HttpRequest, team: Team) -> None:
    request.session[SESSION_KEY] = str(team.pk)


# --- invitations ------------------------------------------------------------------


def _require_owner_for(role: str, by: Membership, sentence: str) -> None:
    if role == Role.OWNER and not by.is_owner:
        raise PermissionDenied(sentence)


@transaction.atomic
def invitation_create(*, team: Team, email: str, role: str, by: Membership) -> Invitation:
    """A new single-use invitation; an older pending one to the same address is revoked,
    so inviting again is how an admin re-sends a link."""
    _require_owner_for(role, by, "Only an owner can invite another owner.")
    email = email.strip().lower()
    now = timezone.now()
    Invitation.objects.filter(
        team=team,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).update(revoked_at=now)
    return Invitation.objects.create(team=team, email=email, role=role, invited_by=by.user)


def invitation_send(*, invitation: Invitation, accept_url: str) -> bool:
    """Email the link. False when the mail server refused (the admin can copy the link)."""
    context = {"invitation": invitation, "accept_url": accept_url}
    subject = render_to_string("teams/email/invitation_subject.txt", context).strip()
    body = render_to_string("teams/email/invitation_message.txt", context)
    try:
        EmailMessage(subject, body, to=[invitation.email]).send()
    except OSError:
        log.warning(
            "invitation email to team %s could not be sent", invitation.team_id, exc_info=True
        )
        return False
    return True


def invitation_revoke(*, invitation: Invitation) -> bool:
    """Revoke a pending invitation; False if it was already used or revoked."""
    return bool(
        Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
    )


def invitation_refusal(invitation: Invitation | None) -> str | None:
    """Why this invitation cannot be accepted, in a sentence; None when it can."""
    if invitation is None:
        return "This invitation link is not valid. Check that you copied the whole link."
    if invitation.accepted_at is not None:
        return "This invitation has already been used. Each invitation link works only once."
    if invitation.revoked_at is not None:
        return "This invitation was withdrawn. Ask the team's owner or an admin for a new one."
    if invitation.is_expired:
        when = date_format(timezone.localtime(invitation.expires_at), "j F Y")
        return f"This invitation expired on {when}. Ask the team's owner or an admin for a new one."
    return None


def invitation_email_mismatch(invitation: Invitation, user: User) -> str | None:
    if user.email.lower() == invitation.email.lower():
        return None
    return (
        f"This invitation was sent to {invitation.email}, and you are signed in as "
        f"{user.email}. Log out, then open the link again to sign in or sign up with "
        f"{invitation.email}."
    )


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User, request: HttpRequest | None = None
) -> Membership:
    """Join the invited team with the invited role, once. The conditional update makes
    the link single-use even when two requests race."""
    if refusal := invitation_refusal(invitation):
        raise TeamError(refusal)
    if mismatch := invitation_email_mismatch(invitation, user):
        raise PermissionDenied(mismatch)
    used = Invitation.objects.filter(
        pk=invitation.pk,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).update(accepted_at=timezone.now(), accepted_by=user)
    if not used:
        invitation.refresh_from_db()
        raise TeamError(invitation_refusal(invitation) or "This invitation cannot be used.")
    membership, _ = Membership.objects.get_or_create(
        team=invitation.team, user=user, defaults={"role": invitation.role}
    )
    if request is not None:
        request.session.pop(INVITATION_SESSION_KEY, None)
        team_switch(request=request, team=invitation.team)
    return membership


def invitation_remember(*, request: HttpRequest, invitation: Invitation) -> None:
    """A visitor opened the link: sign-up will join them to the team, and since the link
    reached this address, allauth may treat it as verified and prefill the form."""
    from allauth.account.adapter import get_adapter

    request.session[INVITATION_SESSION_KEY] = invitation.token
    get_adapter(request).stash_verified_email(request, invitation.email)


def invitation_accept_from_session(*, request: HttpRequest, user: User) -> Membership | None:
    """At sign-up: accept the invitation the visitor opened, if it is for this address."""
    token = request.session.get(INVITATION_SESSION_KEY)
    if not token:
        return None
    invitation = Invitation.objects.select_related("team").filter(token=token).first()
    if invitation is None:
        return None
    if invitation_refusal(invitation) or invitation_email_mismatch(invitation, user):
        return None
    try:
        return invitation_accept(invitation=invitation, user=user, request=request)
    except TeamError:
        return None


# --- memberships ------------------------------------------------------------------


def _ensure_another_owner(membership: Membership, sentence: str) -> None:
    """Lock the team's owners so two owners cannot demote each other at once."""
    owners = list(
        Membership.objects.select_for_update()
        .filter(team_id=membership.team_id, role=Role.OWNER)
        .values_list("pk", flat=True)
    )
    if owners == [membership.pk]:
        raise TeamError(sentence)


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by: Membership) -> Membership:
    if role not in Role.values:
        raise TeamError("Choose owner, admin or member.")
    if membership.is_owner or role == Role.OWNER:
        _require_owner_for(Role.OWNER, by, "Only an owner can make or unmake owners.")
    if membership.is_owner and role != Role.OWNER:
        _ensure_another_owner(
            membership,
            f"{membership.user} is the team's only owner. Make someone else an owner first.",
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: Membership) -> None:
    if membership.is_owner:
        _require_owner_for(Role.OWNER, by, "Only an owner can remove an owner.")
        _ensure_another_owner(
            membership,
            f"{membership.user} is the team's only owner and cannot be removed. "
            "Make someone else an owner first.",
        )
    membership.delete()


@transaction.atomic
def membership_leave(*, membership: Membership, request: HttpRequest | None = None) -> None:
    if membership.is_owner:
        _ensure_another_owner(
            membership,
            "You are this team's only owner, so you cannot leave it. "
            "Make someone else an owner first.",
        )
    membership.delete()
    if request is not None and request.session.get(SESSION_KEY) == str(membership.team_id):
        # The middleware picks the user's next team on the following request.
        del request.session[SESSION_KEY]
