from __future__ import annotations


def current_team(request):
    membership = getattr(request, "membership", None)
    return {
        "current_team": getattr(request, "team", None),
        "current_membership": membership,
        "is_team_admin": bool(membership and membership.is_admin),
    }
