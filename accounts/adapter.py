from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages


class AccountAdapter(DefaultAccountAdapter):
    """Every new account gets a team of its own, unless it arrives through an invitation.

    Someone who signs up from an invitation link (with the invited address) joins that
    team with the invited role and does not get a personal team as well: they came to
    work in that team, and can create their own later from the team menu.
    """

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        stashed = request.session.get("account_verified_email")
        if stashed and stashed.lower() != (user.email or "").lower():
            # allauth would make the stashed (invited) address this user's primary one;
            # only someone signing up with the invited address may have it.
            self.unstash_verified_email(request)
        if commit:
            from teams.services import invitation_accept_from_session, team_create_for_new_user

            joined = invitation_accept_from_session(request=request, user=user)
            if joined is not None:
                role = joined.get_role_display().lower()
                messages.success(request, f"Welcome! You joined {joined.team.name} as {role}.")
            team_create_for_new_user(user=user, request=request)
        return user
