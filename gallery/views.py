"""The team's gallery, its item pages, the viewer's data, and the stage images."""

from __future__ import annotations

import mimetypes
import uuid
from pathlib import PurePosixPath

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from batches.models import Batch, Item, StageImage
from teams.access import team_object_or_404, team_required

from . import grid, selectors
from .forms import GalleryFilterForm
from .models import Showcase

VARIANTS = ("full", "thumb")
CACHE_CONTROL = "private, max-age=3600"


def _serve_image(request: HttpRequest, image: StageImage, variant: str) -> FileResponse:
    if variant not in VARIANTS:
        raise Http404("No such variant")
    field = image.thumbnail if variant == "thumb" and image.thumbnail else image.file
    if not field:
        raise Http404("No image file")
    content_type = (variant == "full" and image.content_type) or (
        mimetypes.guess_type(field.name)[0] or "application/octet-stream"
    )
    try:
        handle = field.storage.open(field.name, "rb")
    except FileNotFoundError as exc:
        raise Http404("Image file missing") from exc
    download = request.GET.get("download") == "1"
    filename = "{}-{}{}".format(
        slugify(image.item.client_ref) or f"item-{image.item.sequence_index}",
        image.stage.replace("_", "-"),
        PurePosixPath(field.name).suffix,
    )
    response = FileResponse(
        handle, content_type=content_type, as_attachment=download, filename=filename
    )
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@team_required
def stage_image(request: HttpRequest, pk, variant: str) -> FileResponse:
    image = team_object_or_404(request, StageImage.objects.select_related("item"), pk=pk)
    return _serve_image(request, image, variant)


@require_GET
def public_stage_image(request: HttpRequest, token: str, pk, variant: str) -> FileResponse:
    showcase = get_object_or_404(Showcase.objects.public(), token=token)
    image = get_object_or_404(
        StageImage.objects.select_related("item"),
        pk=pk,
        item__in=showcase.entries.values("item_id"),
        team=showcase.team,
    )
    return _serve_image(request, image, variant)


@team_required
def team_gallery(request: HttpRequest) -> HttpResponse:
    form = GalleryFilterForm(request.GET, team=request.team)
    return _render_gallery(request, form, form.filters())


@team_required
def batch_gallery(request: HttpRequest, batch_id) -> HttpResponse:
    batch = team_object_or_404(request, Batch.objects.select_related("job"), pk=batch_id)
    form = GalleryFilterForm(request.GET, team=request.team)
    filters = form.filters()
    filters.batch = batch
    return _render_gallery(request, form, filters, batch=batch)


def _render_gallery(request, form, filters, batch: Batch | None = None) -> HttpResponse:
    target = selectors.target_showcase(request)
    starred = selectors.starred_ids(target)
    source = grid.team_source(request, filters, starred=starred)
    items = selectors.with_stages(source.qs)
    page = Paginator(items, grid.PAGE_SIZE).get_page(request.GET.get("page"))
    context = grid.page_context(page, source)
    context.update(
        form=form,
        batch=batch,
        target=target,
        showcases=Showcase.objects.filter(team=request.team).only("pk", "title"),
    )
    return render(request, "gallery/gallery.html", context)


@team_required
def item_detail(request: HttpRequest, pk) -> HttpResponse:
    item = team_object_or_404(request, selectors.with_stages(Item.objects.all()), pk=pk)
    filters = GalleryFilterForm(request.GET, team=request.team).filters()
    target = selectors.target_showcase(request)
    source = grid.team_source(request, filters, starred=selectors.starred_ids(target))
    context = grid.item_context(item, source, stage_key=request.GET.get("stage"))
    context.update(target=target, page_title=str(item))
    return render(request, "gallery/item.html", context)


@require_GET
@team_required
def gallery_data(request: HttpRequest) -> JsonResponse:
    filters = GalleryFilterForm(request.GET, team=request.team).filters()
    target = selectors.target_showcase(request)
    source = grid.team_source(request, filters, starred=selectors.starred_ids(target))
    return JsonResponse(grid.window_payload(source, **window_args(request)))


def window_args(request: HttpRequest) -> dict:
    def number(name: str, default: int) -> int:
        try:
            return int(request.GET.get(name, default))
        except ValueError:
            return default

    around = request.GET.get("around")
    try:
        around = uuid.UUID(around) if around else None
    except ValueError:
        around = None
    return {"offset": number("offset", 0), "limit": number("limit", 40), "around": around}
