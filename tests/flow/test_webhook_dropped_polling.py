"""A batch whose webhook never arrives still ends, by polling (the beat task, ticked here),
and polling shows its progress item by item on the way."""

import pytest

from batches import tasks
from batches.models import Batch, StageImage, WebhookDelivery
from batches.services import ItemInput, job_create

from .conftest import TERMINAL, wait_for

pytestmark = pytest.mark.worker


def test_it_reaches_terminal_by_polling_when_the_webhook_is_dropped(
    team, alice, connection, celery_worker, sample_image_urls, settings, fast_polls
):
    settings.SITE_URL = "http://127.0.0.1:9"  # the callback goes nowhere: dropped
    # The last item is slow (the sandbox's documented delay trigger): the other four end
    # and are copied while it runs, so the part-way states below are sure to be seen.
    urls = [*sample_image_urls[:4], sample_image_urls[4] + "?sandbox_delay=5"]
    inputs = [ItemInput(image_url=u, elements=["tag_removal"]) for u in urls]
    job = job_create(team=team, user=alice, connection=connection, items=inputs)
    seen: list[tuple[str, int, int]] = []

    def tick():
        tasks.batch_poll_due()
        b = Batch.objects.get(pk=job.batches.get().pk)
        seen.append((b.status, b.items_succeeded, StageImage.objects.filter(item__batch=b).count()))
        return b if b.status in TERMINAL else None

    batch = wait_for(tick, timeout=60, step=0.2)

    assert batch.status == "succeeded" and batch.items_succeeded == 5
    assert batch.callback_url.startswith("http://127.0.0.1:9/")
    assert not WebhookDelivery.objects.exists()
    assert batch.next_poll_at is None  # terminal: no more polls
    succeeded = [n for _, n, _ in seen]
    assert succeeded == sorted(succeeded)  # counters never go back
    assert any(s in ("queued", "running") and 0 < n < 5 for s, n, _ in seen)  # item by item
    assert any(s in ("queued", "running") and images > 0 for s, _, images in seen)  # copied early
    wait_for(lambda: StageImage.objects.filter(item__batch=batch).count() == 5 * 3)
