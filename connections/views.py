from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from teams.access import team_admin_required, team_object_or_404, team_required

from .forms import ConnectionForm
from .models import Connection
from .services import ConnectionRejected, connection_create, connection_revoke


def _list(request: HttpRequest, form: ConnectionForm | None, status: int = 200) -> HttpResponse:
    connections = Connection.objects.filter(team=request.team).select_related(
        "created_by", "revoked_by"
    )
    if request.membership.is_admin and form is None:
        form = ConnectionForm()
    context = {"connections": connections, "form": form}
    return render(request, "connections/list.html", context, status=status)


@team_required
def connection_list(request: HttpRequest) -> HttpResponse:
    return _list(request, None)


@sensitive_post_parameters("api_key")  # never in an error report (e-mail, DEBUG page)
@team_admin_required
def connection_add(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _list(request, ConnectionForm())
    form = ConnectionForm(request.POST)
    if form.is_valid():
        try:
            connection = connection_create(
                team=request.team,
                user=request.user,
                label=form.cleaned_data["label"],
                api_key=form.cleaned_data["api_key"],
            )
        except ConnectionRejected as exc:
            form.add_error("api_key", str(exc))
        else:
            messages.success(request, f"Connected {connection.masked_key}.")
            return redirect("connections:list")
    return _list(request, form, status=400)


@require_POST
@team_admin_required
def connection_revoke_view(request: HttpRequest, pk) -> HttpResponse:
    connection = team_object_or_404(request, Connection, pk=pk)
    connection_revoke(connection=connection, user=request.user)
    messages.success(request, f"Revoked {connection.masked_key}; it will not be used again.")
    return redirect("connections:list")
