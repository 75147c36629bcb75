"""Turns items into what the grid, the no-JS item page and the viewer show.

A `Source` is one ordered list of items as a viewer walks it: the team's (filtered)
gallery, or a published showcase reached through its share link. The public one
builds share-link image URLs and leaves out everything internal.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from batches.models import Item, ItemStatus

from . import selectors
from .models import Showcase

PAGE_SIZE = 100
WINDOW_MAX = 100
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_for_script(data) -> SafeString:
    """JSON safe inside <script type="application/json">."""
    return mark_safe(json.dumps(data, separators=(",", ":")).translate(_JSON_ESCAPES))  # noqa: S308


@dataclass
class Source:
    qs: QuerySet[Item]
    image_urls: selectors.ImageUrls
    item_base: Callable[[object], str]
    params: dict[str, str]
    data_url: str
    gallery_url: str
    public: bool = False
    star_url: str = ""
    starred: set = field(default_factory=set)

    def item_url(self, pk, **extra) -> str:
        query = urlencode({**self.params, **extra})
        return self.item_base(pk) + (f"?{query}" if query else "")

    def item_url_template(self) -> str:
        return self.item_url(selectors.PROBE_ID).replace(str(selectors.PROBE_ID), "{id}")

    def payload(self, item: Item) -> dict:
        data = selectors.item_payload(item, public=self.public)
        if not self.public:
            data["starred"] = item.pk in self.starred
        return data


def team_source(
    request,
    filters: selectors.GalleryFilters,
    *,
    starred: set | None = None,
) -> Source:
    params = filters.querydict()
    gallery = (
        reverse("gallery:batch_gallery", kwargs={"batch_id": filters.batch.pk})
        if filters.batch is not None
        else reverse("gallery:team_gallery")
    )
    others = {k: v for k, v in params.items() if k != "batch"}
    query = urlencode(others)
    return Source(
        qs=selectors.gallery_items(team=request.team, filters=filters),
        image_urls=selectors.ImageUrls(),
        item_base=lambda pk: reverse("gallery:item", kwargs={"pk": pk}),
        params=params,
        data_url=reverse("gallery:data"),
        gallery_url=gallery + (f"?{query}" if query else ""),
        star_url=reverse("gallery:star"),
        starred=starred if starred is not None else set(),
    )


def public_source(showcase: Showcase) -> Source:
    token = showcase.token
    return Source(
        qs=selectors.showcase_items(showcase=showcase),
        image_urls=selectors.ImageUrls(token),
        item_base=lambda pk: reverse("gallery:public_item", kwargs={"token": token, "pk": pk}),
        params={},
        data_url=reverse("gallery:public_data", kwargs={"token": token}),
        gallery_url=reverse("gallery:public_showcase", kwargs={"token": token}),
        public=True,
    )


def tiles(items: list[Item], source: Source) -> list[dict]:
    result = []
    for item in items:
        stages = list(item.stages.all())
        original = stages[0] if stages and stages[0].position == 0 else None
        final = selectors.final_of(stages)
        result.append(
            {
                "item": item,
                "url": source.item_url(item.pk),
                "index": len(result),
                "original": original,
                "original_src": source.image_urls(original, "thumb") if original else "",
                "final": final,
                "final_src": source.image_urls(final, "thumb") if final else "",
                "failed": item.status == ItemStatus.FAILED,
                "starred": item.pk in source.starred,
                "stage_count": len(stages),
            }
        )
    return result


def viewer_config(source: Source, *, items: list[Item], offset: int, total: int, **extra):
    return json_for_script(
        {
            "dataUrl": source.data_url,
            "imageUrl": source.image_urls.template(),
            "itemUrl": source.item_url_template(),
            "params": source.params,
            "galleryUrl": source.gallery_url,
            "starUrl": source.star_url,
            "public": source.public,
            "total": total,
            "offset": offset,
            "items": [source.payload(item) for item in items],
            **extra,
        }
    )


def page_context(page: Page, source: Source) -> dict:
    items = list(page.object_list)
    offset = (page.number - 1) * page.paginator.per_page
    return {
        "page_obj": page,
        "tiles": tiles(items, source),
        "total": page.paginator.count,
        "gallery_url": source.gallery_url,
        "viewer_config": viewer_config(
            source, items=items, offset=offset, total=page.paginator.count
        ),
    }


def item_context(item: Item, source: Source, *, stage_key: str | None) -> dict:
    """The no-JS item page: the stage sequence, one stage large, prev/next in context."""
    ids = list(source.qs.values_list("pk", flat=True))
    index = ids.index(item.pk) if item.pk in ids else None
    stages = list(item.stages.all())
    selected = selectors.pick_stage(stages, stage_key)
    neighbours = {}
    if index is not None:
        if index > 0:
            neighbours["prev_url"] = source.item_url(ids[index - 1])
        if index + 1 < len(ids):
            neighbours["next_url"] = source.item_url(ids[index + 1])
    strip = [
        {
            "image": s,
            "key": selectors.stage_key(s),
            "url": source.item_url(item.pk, stage=selectors.stage_key(s)),
        }
        for s in stages
    ]
    return {
        "item": item,
        "strip": strip,
        "selected": selected,
        "selected_url": source.image_urls(selected, "full") if selected else "",
        "index": index,
        "number": (index + 1) if index is not None else None,
        "total": len(ids),
        "gallery_url": source.gallery_url,
        "starred": item.pk in source.starred,
        "elements": [selectors.ELEMENT_LABELS.get(e, e) for e in item.elements],
        "viewer_config": viewer_config(
            source,
            items=[item],
            offset=index if index is not None else 0,
            total=len(ids) if index is not None else 1,
            open={"id": str(item.pk), "stage": stage_key or ""},
        ),
        **neighbours,
    }


def window_payload(source: Source, *, offset: int, limit: int, around=None) -> dict:
    """A slice of the source for the viewer; `around` centres it on one item."""
    limit = max(1, min(WINDOW_MAX, limit))
    total = source.qs.count()
    if around is not None:
        ids = list(source.qs.values_list("pk", flat=True))
        if around in ids:
            offset = max(0, ids.index(around) - limit // 2)
    offset = max(0, min(offset, max(total - 1, 0)))
    items = list(selectors.with_stages(source.qs)[offset : offset + limit])
    return {"total": total, "offset": offset, "items": [source.payload(i) for i in items]}
