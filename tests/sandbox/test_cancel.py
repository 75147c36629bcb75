from __future__ import annotations

from decimal import Decimal

import pytest

from .client import item

pytestmark = pytest.mark.worker


def test_it_cancels_queued_items_and_leaves_finished_ones(api, celery_worker, sample_image_urls):
    from sandbox.models import Account

    created = api.create_batch(
        {"input": [item(u, "tag_removal") for u in sample_image_urls]}
    ).json()
    cancelled = api.cancel_batch(created["id"])
    assert cancelled.status_code == 200

    batch = api.wait_batch(created["id"])
    statuses = [i["status_code"] for i in batch["items"]]
    assert batch["status_code"] == "cancelled"
    assert set(statuses) <= {"succeeded", "cancelled"}
    assert batch["items_cancelled"] == statuses.count("cancelled") >= 1
    cost = Decimal("0.205") * statuses.count("succeeded")
    assert Decimal(batch["cost"]) == cost
    assert Account.objects.get().balance == Decimal("50") - cost
    for out in batch["output"]["items"]:
        if out["status_code"] == "cancelled":
            assert out["error"]["kind"] == "cancelled"

    again = api.cancel_batch(created["id"]).json()
    assert again == api.get_batch(created["id"]).json() == batch
