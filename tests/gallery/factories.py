"""Rows for the gallery's tests, with real small images in the default storage."""

from __future__ import annotations

import itertools

from django.core.files.base import ContentFile

from batches.models import Batch, BatchStatus, Item, ItemStatus, Job, StageImage
from batches.stages import ELEMENT_ORDER, Stage
from connections.models import Connection
from tests import factories
from tests.factories import image_bytes

_counter = itertools.count(1)
STAGE_OF_ELEMENT = {
    "model_removal": Stage.MODEL_REMOVAL,
    "tag_removal": Stage.TAG_REMOVAL,
    "product_isolation": Stage.PRODUCT_ISOLATION,
    "background_removal": Stage.BACKGROUND_REMOVAL,
}
COLOURS = [(214, 96, 77), (67, 147, 195), (90, 174, 97), (230, 171, 2), (153, 112, 171)]


def make_connection(team, **extra) -> Connection:
    extra.setdefault("label", "Sandbox")
    extra.setdefault("key_last4", "a1b2")
    extra.setdefault("base_url", "http://127.0.0.1:9/sandbox")
    return factories.make_connection(team, secret=None, **extra)


def make_batch(team, *, connection=None, title="Spring drop", **extra) -> Batch:
    connection = connection or Connection.objects.filter(team=team).first() or make_connection(team)
    job = Job.objects.create(team=team, connection=connection, title=title)
    extra.setdefault("status", BatchStatus.SUCCEEDED)
    return Batch.objects.create(team=team, job=job, connection=connection, **extra)


def add_stage(
    item: Item, *, position: int, stage: str, transparent=False, size=(96, 72), colour=None
):
    colour = colour or COLOURS[position % len(COLOURS)]
    data = image_bytes(size=size, colour=colour, transparent=transparent, label=stage[:3])
    thumb = image_bytes(size=size, colour=colour, transparent=transparent, fmt="WEBP")
    image = StageImage(
        team=item.team,
        item=item,
        position=position,
        stage=stage,
        source_url=f"https://cdn.example.com/{item.pk}/{stage}_{position:05d}_.png",
        content_type="image/png",
        bytes=len(data),
        width=size[0],
        height=size[1],
        thumb_width=size[0],
        thumb_height=size[1],
        has_alpha=transparent,
    )
    image.file.save(f"{position:02d}-{stage}.png", ContentFile(data), save=False)
    image.thumbnail.save(f"{position:02d}-{stage}-thumb.webp", ContentFile(thumb), save=False)
    image.save()
    return image


def make_item(
    batch: Batch,
    *,
    elements=("tag_removal", "background_removal"),
    status=ItemStatus.SUCCEEDED,
    client_ref=None,
    unnamed=False,
    images=True,
    error_kind="",
    error_message="",
) -> Item:
    index = batch.items.count()
    item = Item.objects.create(
        team=batch.team,
        batch=batch,
        sequence_index=index,
        client_ref=f"sku-{next(_counter):04d}" if client_ref is None else client_ref,
        image_url=f"https://cdn.example.com/photo-{index}.jpg",
        config={"elements": list(elements)},
        status=status,
        error_kind=error_kind,
        error_message=error_message,
    )
    if not images:
        return item
    add_stage(item, position=0, stage=Stage.ORIGINAL)
    if status != ItemStatus.SUCCEEDED:
        return item
    position = 0
    for element in [e for e in ELEMENT_ORDER if e in elements]:
        position += 1
        add_stage(
            item,
            position=position,
            stage=STAGE_OF_ELEMENT[element],
            transparent=element == "background_removal",
        )
        if unnamed and position == 1:
            position += 1
            add_stage(item, position=position, stage=Stage.UNNAMED)
    add_stage(
        item,
        position=position + 1,
        stage=Stage.RESULT,
        transparent="background_removal" in elements,
    )
    return item


def make_items(batch: Batch, count: int, **kwargs) -> list[Item]:
    return [make_item(batch, **kwargs) for _ in range(count)]


def make_failed_item(batch: Batch, **kwargs) -> Item:
    kwargs.setdefault("error_kind", "upstream_failed")
    kwargs.setdefault("error_message", "The image could not be fetched (HTTP 404).")
    return make_item(batch, status=ItemStatus.FAILED, **kwargs)
