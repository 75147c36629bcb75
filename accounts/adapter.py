from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Every new account gets a team of its own, unless it arrives through an invitation."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from teams.services import team_create_for_new_user

            team_create_for_new_user(user=user, request=request)
        return user
