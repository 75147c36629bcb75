"""An image that cannot be fetched or decoded fails its item, readably; nothing is charged."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .client import item

pytestmark = pytest.mark.worker


def test_it_fails_items_whose_image_cannot_be_fetched_or_decoded(
    api, celery_worker, live_server, settings
):
    from sandbox.models import Account

    urls = [
        f"{live_server.url}/static/samples/missing.jpg",
        f"{live_server.url}/static/css/site.css",
        "http://127.0.0.1:9/closed-port.jpg",
        f"{live_server.url}/static/samples/hoodie-green.jpg",
    ]
    settings.SANDBOX_FETCH_MAX_BYTES = 200_000  # hoodie-green.jpg is larger
    batch = api.wait_batch(api.create_batch({"input": [item(u) for u in urls]}).json()["id"])
    assert batch["status_code"] == "failed"
    errors = [i["error"] for i in batch["output"]["items"]]
    assert {e["kind"] for e in errors} == {"upstream_failed"}
    messages = [e["message"] for e in errors]
    assert "HTTP 404" in messages[0]
    assert "image" in messages[1] and ("decode" in messages[1] or "format" in messages[1])
    assert "could not fetch" in messages[2]
    assert "larger than" in messages[3]
    assert batch["cost"] == "0.000000"
    assert Account.objects.get().balance == Decimal("50")
