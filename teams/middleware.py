from __future__ import annotations

SESSION_KEY = "current_team_id"


def current_membership(request):
    """The signed-in user's membership in the team they last chose (or their first)."""
    user = request.user
    if not user.is_authenticated:
        return None
    from .models import Membership

    qs = Membership.objects.select_related("team").filter(user=user)
    team_id = request.session.get(SESSION_KEY)
    membership = qs.filter(team_id=team_id).first() if team_id else None
    if membership is None:
        membership = qs.order_by("created_at").first()
        if membership is not None:
            request.session[SESSION_KEY] = str(membership.team_id)
    return membership


class CurrentTeamMiddleware:
    """Sets request.membership and request.team (both None when logged out or teamless)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = current_membership(request)
        request.team = request.membership.team if request.membership else None
        return self.get_response(request)
