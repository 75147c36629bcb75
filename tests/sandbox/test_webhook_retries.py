from __future__ import annotations

import pytest

from .client import item

pytestmark = pytest.mark.worker


def test_it_retries_a_500_with_the_same_delivery_id_and_the_next_attempt(
    api, celery_worker, receiver, fast_webhooks, sample_image_urls
):
    from sandbox.models import Delivery

    receiver.answers = [500, 500]
    api.create_secret("s")
    created = api.create_batch(
        {"input": [item(sample_image_urls[2] + "?sandbox_fail=1")], "callback_url": receiver.url}
    )
    requests = receiver.wait(3)
    ids = [r["headers"]["Runflow-Request-Id"] for r in requests]
    delivery_ids = {i.rsplit("-", 1)[0] for i in ids}
    assert len(delivery_ids) == 1
    assert [i.rsplit("-", 1)[1] for i in ids] == ["1", "2", "3"]
    assert len({r["body"] for r in requests}) == 1
    assert api.get_batch(created.json()["id"]).json()["status_code"] == "failed"
    delivery = Delivery.objects.get()
    assert str(delivery.id) in delivery_ids
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("delivered", 3, 200)


def test_it_retries_after_a_timeout(
    api, celery_worker, receiver, fast_webhooks, settings, sample_image_urls
):
    settings.SANDBOX_WEBHOOK_TIMEOUT_S = 0.3
    receiver.answers = ["slow"]
    api.create_batch(
        {"input": [item(sample_image_urls[2] + "?sandbox_fail=1")], "callback_url": receiver.url}
    )
    first, second = receiver.wait(2)
    one, two = (r["headers"]["Runflow-Request-Id"].rsplit("-", 1) for r in (first, second))
    assert one[0] == two[0] and (one[1], two[1]) == ("1", "2")
