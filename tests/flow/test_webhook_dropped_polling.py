"""A batch whose webhook never arrives still ends, by polling (the beat task, ticked here)."""

import pytest

from batches.models import StageImage, WebhookDelivery
from batches.services import ItemInput, job_create

from .conftest import wait_for, wait_terminal

pytestmark = pytest.mark.worker


def test_it_reaches_terminal_by_polling_when_the_webhook_is_dropped(
    team, alice, connection, celery_worker, sample_image_urls, settings, fast_polls
):
    settings.SITE_URL = "http://127.0.0.1:9"  # the callback goes nowhere: dropped
    inputs = [ItemInput(image_url=u, elements=["tag_removal"]) for u in sample_image_urls[:3]]

    job = job_create(team=team, user=alice, connection=connection, items=inputs)
    batch = wait_terminal(job.batches.get(), poll=True)

    assert batch.status == "succeeded" and batch.items_succeeded == 3
    assert batch.callback_url.startswith("http://127.0.0.1:9/")
    assert not WebhookDelivery.objects.exists()
    assert batch.next_poll_at is None  # terminal: no more polls
    wait_for(lambda: StageImage.objects.filter(item__batch=batch).count() == 3 * 3)
