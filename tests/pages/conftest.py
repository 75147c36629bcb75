"""Rows for the batch pages, built directly (no Runflow needed), with real image files."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from batches.models import Batch, BatchStatus, Item, ItemStatus, Job, StageImage
from tests import factories
from tests.factories import image_bytes


def make_connection(team, *, environment: str = "sandbox", label: str = "Sandbox key"):
    key = ("rf_test_" if environment == "sandbox" else "rf_live_") + "pages0000abcd"
    return factories.make_connection(team, key=key, environment=environment, label=label)


def make_batch(
    connection,
    *,
    items: int = 3,
    status: str = BatchStatus.RUNNING,
    title: str = "Spring shoes",
    user=None,
    job=None,
    part: int = 1,
    item_status: str = ItemStatus.QUEUED,
):
    job = job or Job.objects.create(
        team=connection.team, connection=connection, title=title, created_by=user
    )
    batch = Batch.objects.create(
        team=connection.team,
        job=job,
        connection=connection,
        part=part,
        runflow_id=f"rf-{job.pk.hex[:8]}-{part}",
        status=status,
        items_total=items,
    )
    Item.objects.bulk_create(
        Item(
            team=connection.team,
            batch=batch,
            sequence_index=n,
            client_ref=f"sku-{n}",
            image_url=f"https://cdn.example.com/{n}.jpg",
            config={"elements": ["tag_removal", "background_removal"]},
            status=item_status,
        )
        for n in range(items)
    )
    return batch


STAGES = ["original", "tag_removal", "background_removal", "result"]


def add_stages(item, stages=STAGES):
    """Give an item its copied images, as item_copy_images would."""
    for position, stage in enumerate(stages):
        image = StageImage(
            team=item.team,
            item=item,
            position=position,
            stage=stage,
            source_url=f"https://cdn.example.com/out/{stage}_{item.sequence_index}.webp",
            content_type="image/webp",
            width=32,
            height=24,
            thumb_width=32,
            thumb_height=24,
        )
        data = image_bytes("WEBP", size=(32, 24))
        image.file.save(f"{position}_{stage}.webp", ContentFile(data), save=False)
        image.thumbnail.save(f"{position}_{stage}_thumb.webp", ContentFile(data), save=False)
        image.bytes = len(data)
        image.save()


def succeed(item, *, with_stages: bool = True):
    item.status = ItemStatus.SUCCEEDED
    item.output_urls = [f"https://cdn.example.com/out/result_{item.sequence_index}.webp"]
    item.save()
    if with_stages:
        add_stages(item)


def fail(item, message: str = "The image could not be fetched (HTTP 404)."):
    item.status = ItemStatus.FAILED
    item.error_kind = "upstream_failed"
    item.error_message = message
    item.save()


@pytest.fixture
def sandbox_connection(team, alice):
    return make_connection(team)


@pytest.fixture
def live_connection(team):
    return make_connection(team, environment="live", label="Live key")
