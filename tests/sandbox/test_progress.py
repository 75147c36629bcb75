from __future__ import annotations

import time

import pytest

from .client import TERMINAL, item

pytestmark = pytest.mark.worker


def test_it_is_running_while_items_finish_one_by_one(api, celery_worker, sample_image_urls):
    # The last item is slow (the documented delay trigger), so "part-way" is sure to be seen.
    urls = [*sample_image_urls[:7], sample_image_urls[7] + "?sandbox_delay=3"]
    body = {"input": [item(u, "tag_removal", "product_isolation") for u in urls]}
    batch_id = api.create_batch(body).json()["id"]
    seen, deadline = [], time.monotonic() + 60
    while time.monotonic() < deadline:
        batch = api.get_batch(batch_id).json()
        seen.append((batch["status_code"], batch["items_succeeded"]))
        if batch["status_code"] in TERMINAL:
            break
        time.sleep(0.05)
    assert seen[-1] == ("succeeded", 8)
    assert any(status == "running" and 0 < done < 8 for status, done in seen)
