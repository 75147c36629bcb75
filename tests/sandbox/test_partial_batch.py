"""Six items, one failing on the documented trigger: `partial_succeeded`, as the contract shows."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from .client import item

pytestmark = pytest.mark.worker


def test_it_ends_partial_succeeded_with_the_envelope_and_the_cost(
    api, celery_worker, sample_image_urls
):
    from sandbox.models import Account

    elements = ("tag_removal", "background_removal")
    items = [
        item(url, *elements) | {"client_ref": f"sku-{i}"}
        for i, url in enumerate(sample_image_urls[:6])
    ]
    items[4]["image_url"] += "?sandbox_fail=1"
    created = api.create_batch({"input": items})
    assert created.status_code == 201

    batch = api.wait_batch(created.json()["id"])

    assert batch["status_code"] == "partial_succeeded"
    assert (batch["items_succeeded"], batch["items_failed"], batch["items_cancelled"]) == (5, 1, 0)
    assert batch["cost"] == "2.050000"  # 5 succeeded items x 2 stages x 0.205
    assert Account.objects.get().balance == Decimal("50") - Decimal("2.05")
    out = batch["output"]
    assert (out["succeeded"], out["failed"], out["total"]) == (5, 1, 6)
    assert [i["sequence_index"] for i in out["items"]] == list(range(6))
    failed = out["items"][4]
    assert failed["status_code"] == "failed"
    assert failed["client_ref"] == "sku-4"
    assert failed["input"] == items[4]
    assert failed["error"]["kind"] == "upstream_failed"
    assert "sandbox_fail" in failed["error"]["message"]
    assert "output" not in failed
    ok = out["items"][0]
    assert ok["status_code"] == "succeeded" and "error" not in ok
    assert ok["input"] == items[0]
    urls = ok["output"]["image_urls"]
    assert [u.rsplit("/", 1)[1] for u in urls] == [
        "tag_remover_00001_.webp",
        "bg_remover_00001_.webp",
        "result_00001_.webp",
    ]
    assert urls[0].startswith(api.http.base_url.scheme + "://")
    image = httpx.get(urls[-1])
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/webp"
    assert [i["status_code"] for i in batch["items"]] == [i["status_code"] for i in out["items"]]
