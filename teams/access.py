"""The one way views reach team-owned rows.

`request.team` is the current team (set by CurrentTeamMiddleware). Every view that
touches a team-owned object opens with `team_object_or_404`, which filters through
that team, so another team's id answers 404 exactly like an id that does not exist.
"""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

if TYPE_CHECKING:
    from django.http import HttpRequest


def team_object_or_404[M: models.Model](
    request: HttpRequest, model: type[M] | models.QuerySet[M], **lookup
) -> M:
    """Fetch one object owned by the current team, or raise Http404."""
    team = getattr(request, "team", None)
    qs = model if isinstance(model, models.QuerySet) else model._default_manager.all()
    if team is None:
        qs = qs.none()
    try:
        return get_object_or_404(qs.filter(team=team), **lookup)
    except (ValidationError, ValueError):
        # sweep: a malformed id (a POST field "", "abc" for a UUID) names nothing: 404, not 500.
        raise Http404("No such object.") from None


def team_required(view):
    """Logged in, with a current team; without one, go and create one."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, "team", None) is None:
            return redirect("teams:create")
        return view(request, *args, **kwargs)

    return wrapper


def team_admin_required(view):
    """As team_required, and the current role is owner or admin (403 otherwise)."""

    @team_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.membership.is_admin:
            raise PermissionDenied("Only the team's owners and admins can do this.")
        return view(request, *args, **kwargs)

    return wrapper
