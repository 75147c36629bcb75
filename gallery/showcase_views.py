"""The team's showcases: star, order, title, publish, revoke, feature, download."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from batches.models import Item
from teams.access import team_object_or_404, team_required

from . import grid, selectors, services
from .forms import PublishForm, ShowcaseForm
from .models import Showcase


def _back(request: HttpRequest, default: str):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(default)


@team_required
def showcase_list(request: HttpRequest) -> HttpResponse:
    form = ShowcaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        showcase = services.showcase_create(
            team=request.team, user=request.user, **form.cleaned_data
        )
        request.session[selectors.TARGET_SESSION_KEY] = str(showcase.pk)
        return redirect("gallery:showcase_detail", pk=showcase.pk)
    showcases = Showcase.objects.filter(team=request.team).prefetch_related("entries")
    status = 422 if form.errors else 200
    context = {"showcases": showcases, "form": form}
    return render(request, "gallery/showcase_list.html", context, status=status)


@team_required
def showcase_detail(request: HttpRequest, pk) -> HttpResponse:
    showcase = team_object_or_404(request, Showcase, pk=pk)
    form = ShowcaseForm(request.POST or None, instance=showcase)
    if request.method == "POST" and form.is_valid():
        services.showcase_update(showcase=showcase, **form.cleaned_data)
        messages.success(request, "Saved.")
        return redirect("gallery:showcase_detail", pk=showcase.pk)
    items = list(selectors.with_stages(selectors.showcase_items(showcase=showcase)))
    context = {
        "showcase": showcase,
        "form": form,
        "publish_form": PublishForm(initial={"expires_at": showcase.expires_at}),
        "tiles": grid.tiles(items, grid.public_source(showcase)),
        "share_url": request.build_absolute_uri(
            reverse("gallery:public_showcase", kwargs={"token": showcase.token})
        ),
    }
    return render(
        request, "gallery/showcase_detail.html", context, status=422 if form.errors else 200
    )


@require_POST
@team_required
def star(request: HttpRequest) -> HttpResponse:
    item = team_object_or_404(request, Item, pk=request.POST.get("item"))
    showcase_id = request.POST.get("showcase")
    if showcase_id:
        showcase = team_object_or_404(request, Showcase, pk=showcase_id)
    else:
        showcase = selectors.target_showcase(request) or services.showcase_create(
            team=request.team, user=request.user, title="Starred items"
        )
    starred = services.showcase_toggle_item(showcase=showcase, item=item)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"starred": starred, "showcase": showcase.title})
    if request.htmx:
        context = {
            "tile": {"item": item, "starred": starred},
            "target": showcase,
            "next_url": request.POST.get("next", ""),
        }
        return render(request, "gallery/gallery.html#star", context)
    verb = "Added to" if starred else "Removed from"
    messages.success(request, f"{verb} “{showcase.title}”.")
    return _back(request, "gallery:team_gallery")


@require_POST
@team_required
def set_target(request: HttpRequest) -> HttpResponse:
    showcase = team_object_or_404(request, Showcase, pk=request.POST.get("showcase"))
    request.session[selectors.TARGET_SESSION_KEY] = str(showcase.pk)
    return _back(request, "gallery:team_gallery")


@require_POST
@team_required
def showcase_item_action(request: HttpRequest, pk, item_id, action: str) -> HttpResponse:
    showcase = team_object_or_404(request, Showcase, pk=pk)
    # The item must be one of this showcase's (another team's item id: 404, as a missing one).
    get_object_or_404(showcase.entries, item_id=item_id)
    if action not in ("up", "down", "remove"):
        raise Http404("No such action")
    if action == "remove":
        services.showcase_remove_item(showcase=showcase, item_id=item_id)
    else:
        offset = -1 if action == "up" else 1
        services.showcase_move_item(showcase=showcase, item_id=item_id, offset=offset)
    return redirect("gallery:showcase_detail", pk=showcase.pk)


@require_POST
@team_required
def showcase_share(request: HttpRequest, pk, action: str) -> HttpResponse:
    showcase = team_object_or_404(request, Showcase, pk=pk)
    if action == "publish":
        form = PublishForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("expires_at", ["Invalid date."])))
            return redirect("gallery:showcase_detail", pk=showcase.pk)
        services.showcase_publish(showcase=showcase, expires_at=form.cleaned_data["expires_at"])
        messages.success(request, "Published: anyone with the link can view it.")
    elif action == "revoke":
        services.showcase_revoke(showcase=showcase)
        messages.success(request, "Link revoked: it now answers “not found”.")
    elif action in ("feature", "unfeature"):
        services.showcase_set_featured(showcase=showcase, featured=action == "feature")
    elif action == "delete":
        services.showcase_delete(showcase=showcase)
        messages.success(request, f"Deleted “{showcase.title}”.")
        return redirect("gallery:showcase_list")
    return redirect("gallery:showcase_detail", pk=showcase.pk)


@team_required
def showcase_zip(request: HttpRequest, pk) -> FileResponse:
    showcase = team_object_or_404(request, Showcase, pk=pk)
    spool = services.showcase_zip(showcase=showcase)
    name = f"{slugify(showcase.title) or 'showcase'}-finals.zip"
    return FileResponse(spool, as_attachment=True, filename=name, content_type="application/zip")


@team_required
def showcase_present(request: HttpRequest, pk) -> HttpResponse:
    showcase = team_object_or_404(request, Showcase, pk=pk)
    source = grid.team_source(request, selectors.GalleryFilters())
    source.qs = selectors.showcase_items(showcase=showcase)
    source.params = {}
    items = list(selectors.with_stages(source.qs))
    source.data_url = ""
    context = {
        "showcase": showcase,
        "total": len(items),
        "viewer_config": grid.viewer_config(
            source, items=items, offset=0, total=len(items), present=True
        ),
    }
    return render(request, "gallery/present.html", context)
