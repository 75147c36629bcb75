"""Reads the gallery, viewer and showcases share."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.urls import reverse

from batches.models import Batch, Item, ItemStatus, StageImage
from batches.stages import ELEMENT_ORDER, Element, Stage

from .models import Showcase, ShowcaseItem

if TYPE_CHECKING:
    from teams.models import Team

ELEMENT_LABELS = dict(Element.choices)
STATUS_LABELS = dict(ItemStatus.choices)
STAGE_LABELS = dict(Stage.choices)


@dataclass
class GalleryFilters:
    batch: Batch | None = None
    status: str = ""
    element: str = ""
    q: str = ""

    def querydict(self) -> dict[str, str]:
        """The filters as URL parameters, so item links keep their context."""
        params = {}
        if self.batch is not None:
            params["batch"] = str(self.batch.pk)
        for name in ("status", "element", "q"):
            if value := getattr(self, name):
                params[name] = value
        return params


def _with_stages(qs: QuerySet[Item]) -> QuerySet[Item]:
    return qs.prefetch_related(Prefetch("stages", queryset=StageImage.objects.order_by("position")))


def gallery_items(*, team: Team, filters: GalleryFilters) -> QuerySet[Item]:
    qs = Item.objects.filter(team=team)
    if filters.batch is not None:
        qs = qs.filter(batch=filters.batch).order_by("sequence_index")
    else:
        qs = qs.order_by("-batch__created_at", "batch_id", "sequence_index")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.element in ELEMENT_ORDER:
        # JSON containment is not portable to SQLite; the quoted name is unique enough.
        qs = qs.filter(config__elements__icontains=f'"{filters.element}"')
    if filters.q:
        qs = qs.filter(client_ref__icontains=filters.q)
    return qs


def showcase_items(*, showcase: Showcase) -> QuerySet[Item]:
    entries = ShowcaseItem.objects.filter(showcase=showcase)
    position = entries.filter(item_id=OuterRef("pk")).values("position")[:1]
    return (
        Item.objects.filter(pk__in=entries.values("item_id"))
        .alias(showcase_position=Subquery(position))
        .order_by("showcase_position", "pk")
    )


def with_stages(qs: QuerySet[Item]) -> QuerySet[Item]:
    return _with_stages(qs)


def public_showcase_or_none(token: str) -> Showcase | None:
    return Showcase.objects.public().filter(token=token).select_related("team").first()


def featured_showcase() -> Showcase | None:
    """The front page's showcase: the latest featured one that is public."""
    return Showcase.objects.public().filter(featured=True).order_by("-published_at").first()


def final_of(stages: list[StageImage]) -> StageImage | None:
    """The result if there is one, else the last image past the original."""
    for image in stages:
        if image.stage == Stage.RESULT:
            return image
    return stages[-1] if len(stages) > 1 else None


def stage_key(image: StageImage) -> str:
    return str(image.position) if image.stage == Stage.UNNAMED else image.stage


def pick_stage(stages: list[StageImage], key: str | None) -> StageImage | None:
    if not stages:
        return None
    if key:
        for image in stages:
            if key == stage_key(image) or key == str(image.position):
                return image
    return final_of(stages) or stages[0]


PROBE_ID = uuid.UUID(int=0)


class ImageUrls:
    """Builds stage-image URLs: the team's access-checked ones or a share link's."""

    def __init__(self, token: str | None = None):
        self.token = token

    def __call__(self, image: StageImage, variant: str) -> str:
        if self.token:
            return reverse(
                "gallery:public_stage_image",
                kwargs={"token": self.token, "pk": image.pk, "variant": variant},
            )
        return reverse("gallery:stage_image", kwargs={"pk": image.pk, "variant": variant})

    def template(self) -> str:
        """The URL with `{id}` and `{variant}` in place, for the viewer to fill in."""
        probe = StageImage(pk=PROBE_ID)
        return self(probe, "full").replace(str(PROBE_ID), "{id}").replace("/full/", "/{variant}/")


def stage_payload(image: StageImage) -> dict:
    """One stage, compactly: the viewer builds its URLs from `ImageUrls.template()`."""
    return {
        "id": str(image.pk),
        "key": stage_key(image),
        "stage": image.stage,
        "label": STAGE_LABELS.get(image.stage, "Unnamed stage"),
        "w": image.width or image.thumb_width,
        "h": image.height or image.thumb_height,
        "alpha": image.has_alpha,
    }


def item_payload(item: Item, *, public: bool = False) -> dict:
    """What the viewer needs for one item; a share link's copy carries nothing internal."""
    stages = list(item.stages.all())
    data = {
        "id": str(item.pk),
        "ref": item.client_ref,
        "status": item.status,
        "statusLabel": STATUS_LABELS.get(item.status, item.status),
        "elements": [ELEMENT_LABELS.get(e, e) for e in item.elements],
        "stages": [stage_payload(s) for s in stages],
    }
    if not public:
        data["error"] = item.error_message if item.status == ItemStatus.FAILED else ""
    return data


def team_batches(team: Team) -> QuerySet[Batch]:
    return Batch.objects.filter(team=team).select_related("job").order_by("-created_at")


TARGET_SESSION_KEY = "gallery_target_showcase"


def target_showcase(request) -> Showcase | None:
    """The showcase the star buttons add to: the one last chosen, else the newest."""
    qs = Showcase.objects.filter(team=request.team)
    chosen = request.session.get(TARGET_SESSION_KEY)
    showcase = qs.filter(pk=chosen).first() if chosen else None
    return showcase or qs.order_by("-created_at").first()


def starred_ids(showcase: Showcase | None) -> set:
    if showcase is None:
        return set()
    return set(showcase.entries.values_list("item_id", flat=True))
