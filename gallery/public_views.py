"""What anyone may open: the front page and a published showcase's share link."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from batches.models import Item
from batches.stages import Element

from . import grid, selectors, services
from .models import Showcase
from .views import window_args

STAGE_EXPLAINED = [
    (Element.MODEL_REMOVAL, "Takes the person out of the photo and keeps the garment as worn."),
    (Element.TAG_REMOVAL, "Removes price tags, labels and stickers, and fills what they hid."),
    (Element.PRODUCT_ISOLATION, "Finds the product you name and keeps only it."),
    (Element.BACKGROUND_REMOVAL, "Cuts the product out onto a transparent background."),
]


def _public_showcase(token: str) -> Showcase:
    showcase = selectors.public_showcase_or_none(token)
    if showcase is None:
        raise Http404("This link is not valid (any more).")
    return showcase


def _showcase_page(request: HttpRequest, showcase: Showcase, template: str, **extra):
    source = grid.public_source(showcase)
    items = list(selectors.with_stages(source.qs))
    context = {
        "showcase": showcase,
        "tiles": grid.tiles(items, source),
        "total": len(items),
        "gallery_url": source.gallery_url,
        "viewer_config": grid.viewer_config(
            source, items=items, offset=0, total=len(items), **extra
        ),
        "stages_explained": STAGE_EXPLAINED,
    }
    return render(request, template, context)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    showcase = selectors.featured_showcase()
    if showcase is None:
        return render(request, "gallery/home.html", {"stages_explained": STAGE_EXPLAINED})
    return _showcase_page(request, showcase, "gallery/home.html")


@require_GET
def public_showcase(request: HttpRequest, token: str) -> HttpResponse:
    return _showcase_page(request, _public_showcase(token), "gallery/public_showcase.html")


@require_GET
def public_present(request: HttpRequest, token: str) -> HttpResponse:
    showcase = _public_showcase(token)
    return _showcase_page(request, showcase, "gallery/present.html", present=True)


@require_GET
def public_item(request: HttpRequest, token: str, pk) -> HttpResponse:
    showcase = _public_showcase(token)
    source = grid.public_source(showcase)
    item = get_object_or_404(selectors.with_stages(Item.objects.filter(team=showcase.team)), pk=pk)
    if not source.qs.filter(pk=item.pk).exists():
        raise Http404("Not in this showcase")
    context = grid.item_context(item, source, stage_key=request.GET.get("stage"))
    context.update(showcase=showcase, public=True, page_title=item.client_ref or "Item")
    return render(request, "gallery/item.html", context)


@require_GET
def public_data(request: HttpRequest, token: str) -> JsonResponse:
    source = grid.public_source(_public_showcase(token))
    return JsonResponse(grid.window_payload(source, **window_args(request)))


@require_GET
def public_zip(request: HttpRequest, token: str) -> FileResponse:
    showcase = _public_showcase(token)
    name = f"{slugify(showcase.title) or 'showcase'}-finals.zip"
    spool = services.showcase_zip(showcase=showcase)
    return FileResponse(spool, as_attachment=True, filename=name, content_type="application/zip")
