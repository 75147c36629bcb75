from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import selectors, services
from .access import team_admin_required, team_object_or_404, team_required
from .forms import InvitationForm, RoleForm, SwitchForm, TeamForm
from .models import Invitation, Membership, Role


@team_required
def dashboard(request: HttpRequest) -> HttpResponse:
    overview = selectors.team_overview(team=request.team)
    return render(request, "teams/dashboard.html", {"overview": overview})


@login_required
def create(request: HttpRequest) -> HttpResponse:
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        team = services.team_create(
            name=form.cleaned_data["name"], owner=request.user, request=request
        )
        messages.success(request, f"You created {team.name}. It is now your current team.")
        return redirect("teams:dashboard")
    status = 400 if form.is_bound else 200
    return render(request, "teams/create.html", {"form": form}, status=status)


@require_POST
@login_required
def switch(request: HttpRequest) -> HttpResponse:
    form = SwitchForm(request.POST)
    membership = form.is_valid() and selectors.membership_for_user(
        user=request.user, team_id=form.cleaned_data["team"]
    )
    if not membership:
        raise Http404("You are not a member of that team.")
    services.team_switch(request=request, team=membership.team)
    messages.info(request, f"You are now working in {membership.team.name}.")
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return redirect(next_url)
    return redirect("teams:dashboard")


def _settings_page(request: HttpRequest, invite_form=None, status: int = 200) -> HttpResponse:
    me = request.membership
    if invite_form is None and me.is_admin:
        invite_form = InvitationForm(team=request.team, by=me)
    members = [
        (m, me.is_admin and (me.is_owner or not m.is_owner))
        for m in selectors.membership_list(team=request.team)
    ]
    context = {
        "members": members,
        "invitations": selectors.invitation_pending_list(team=request.team) if me.is_admin else [],
        "invite_form": invite_form,
        "role_choices": [c for c in Role.choices if me.is_owner or c[0] != Role.OWNER],
    }
    return render(request, "teams/settings.html", context, status=status)


@team_required
def team_settings(request: HttpRequest) -> HttpResponse:
    return _settings_page(request)


@require_POST
@team_admin_required
def invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST, team=request.team, by=request.membership)
    if not form.is_valid():
        return _settings_page(request, invite_form=form, status=400)
    invitation = services.invitation_create(
        team=request.team,
        email=form.cleaned_data["email"],
        role=form.cleaned_data["role"],
        by=request.membership,
    )
    url = request.build_absolute_uri(reverse("teams:invitation", args=[invitation.token]))
    if services.invitation_send(invitation=invitation, accept_url=url):
        messages.success(
            request,
            f"We emailed an invitation to {invitation.email}. "
            "The link works once and expires in 7 days.",
        )
    else:
        messages.warning(
            request,
            f"We could not send the email to {invitation.email}. "
            "Copy the link from the pending invitations and send it yourself.",
        )
    return redirect("teams:settings")


@require_POST
@team_admin_required
def invitation_revoke(request: HttpRequest, invitation_id: UUID) -> HttpResponse:
    invitation = team_object_or_404(request, Invitation, pk=invitation_id)
    if services.invitation_revoke(invitation=invitation):
        messages.success(request, f"The invitation to {invitation.email} is withdrawn.")
    else:
        messages.info(
            request, f"The invitation to {invitation.email} was already used or withdrawn."
        )
    return redirect("teams:settings")


@require_POST
@team_admin_required
def member_role(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = team_object_or_404(
        request, Membership.objects.select_related("user"), pk=membership_id
    )
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose owner, admin or member.")
        return redirect("teams:settings")
    try:
        services.membership_change_role(
            membership=membership, role=form.cleaned_data["role"], by=request.membership
        )
    except services.TeamError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"{membership.user} is now {membership.get_role_display().lower()}."
        )
    return redirect("teams:settings")


@require_POST
@team_admin_required
def member_remove(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = team_object_or_404(
        request, Membership.objects.select_related("user"), pk=membership_id
    )
    try:
        services.membership_remove(membership=membership, by=request.membership)
    except services.TeamError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{membership.user} is no longer in {request.team.name}.")
    return redirect("teams:settings")


@require_POST
@team_required
def leave(request: HttpRequest) -> HttpResponse:
    team = request.team
    try:
        services.membership_leave(membership=request.membership, request=request)
    except services.TeamError as error:
        messages.error(request, str(error))
        return redirect("teams:settings")
    messages.success(request, f"You left {team.name}.")
    return redirect("teams:dashboard")


def _refused(request: HttpRequest, invitation: Invitation | None, reason: str) -> HttpResponse:
    status = 404 if invitation is None else 410
    return render(request, "teams/invitation_refused.html", {"reason": reason}, status=status)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Public: whoever holds the link sees whom it invites, then signs in or up."""
    invitation = selectors.invitation_by_token(token=token)
    if (
        invitation
        and request.user.is_authenticated
        and invitation.accepted_by_id == request.user.pk
    ):
        # Signing up from the link already used it (the adapter); nothing left to do.
        return redirect("teams:dashboard")
    if reason := services.invitation_refusal(invitation):
        return _refused(request, invitation, reason)
    mismatch = None
    if request.user.is_authenticated:
        mismatch = services.invitation_email_mismatch(invitation, request.user)
    else:
        services.invitation_remember(request=request, invitation=invitation)
    context = {
        "invitation": invitation,
        "mismatch": mismatch,
        "has_account": get_user_model().objects.filter(email__iexact=invitation.email).exists(),
    }
    return render(request, "teams/invitation.html", context, status=403 if mismatch else 200)


@require_POST
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token=token)
    if not request.user.is_authenticated:
        return redirect("teams:invitation", token=token)
    if reason := services.invitation_refusal(invitation):
        return _refused(request, invitation, reason)
    if services.invitation_email_mismatch(invitation, request.user):
        return redirect("teams:invitation", token=token)
    try:
        membership = services.invitation_accept(
            invitation=invitation, user=request.user, request=request
        )
    except services.TeamError as error:
        return _refused(request, invitation, str(error))
    messages.success(
        request, f"You joined {invitation.team.name} as {membership.get_role_display().lower()}."
    )
    return redirect("teams:dashboard")
