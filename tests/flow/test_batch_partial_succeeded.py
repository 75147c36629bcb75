"""Ten items, one failing, against the sandbox over real HTTP with a real worker."""

from decimal import Decimal

import pytest
from PIL import Image

from batches.models import Item, StageImage, WebhookDelivery
from batches.services import ItemInput, job_create

from .conftest import wait_for, wait_terminal

pytestmark = pytest.mark.worker
ELEMENTS = ["tag_removal", "background_removal"]


def test_it_ends_partial_succeeded_with_every_stage_copied_and_the_cost_right(
    team, alice, connection, celery_worker, sample_image_urls
):
    urls = (sample_image_urls * 2)[:10]
    urls[3] += "?sandbox_fail=1"
    inputs = [
        ItemInput(image_url=u, elements=ELEMENTS, client_ref=f"sku-{n}") for n, u in enumerate(urls)
    ]

    job = job_create(team=team, user=alice, connection=connection, items=inputs, title="Ten")
    batch = wait_terminal(job.batches.get())

    assert batch.status == "partial_succeeded"
    assert (batch.items_total, batch.items_succeeded, batch.items_failed) == (10, 9, 1)
    assert batch.cost == Decimal("0.205") * 2 * 9
    assert batch.projected_cost == Decimal("0.205") * 2 * 10
    failed = Item.objects.get(batch=batch, sequence_index=3)
    assert failed.status == "failed" and failed.error_kind == "upstream_failed"
    assert failed.error_message
    delivery = WebhookDelivery.objects.get(batch=batch)
    assert delivery.verdict == "valid" and delivery.event == "batch.partial_succeeded"

    def all_copied():
        return StageImage.objects.filter(item__batch=batch).count() == 9 * 4 + 1

    wait_for(
        all_copied,
        timeout=60,
        why=lambda: (
            StageImage.objects.filter(item__batch=batch).count(),
            list(
                batch.items.values_list("copy_error", "images_copied_at", "output_urls", "status")
            ),
        ),
    )
    ok = Item.objects.get(batch=batch, sequence_index=0)
    stages = list(ok.stages.order_by("position"))
    assert [s.stage for s in stages] == ["original", "tag_removal", "background_removal", "result"]
    for s in stages:
        assert s.width > 0 and s.height > 0 and s.bytes > 0
        with Image.open(s.thumbnail.path) as thumb:
            assert thumb.format == "WEBP" and max(thumb.size) <= 480
    assert [s.stage for s in failed.stages.all()] == ["original"]
    connection.refresh_from_db()
    assert connection.last_used_at and connection.last_delivery_at
