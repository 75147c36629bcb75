import pytest

from batches.models import Batch
from batches.services import ItemInput, batch_cancel, job_create

from .conftest import wait_for, wait_terminal

pytestmark = pytest.mark.worker


def test_it_asks_runflow_to_cancel_and_the_batch_ends_cancelled(
    team, alice, connection, celery_worker, sample_image_urls
):
    inputs = [ItemInput(image_url=u, elements=["tag_removal"]) for u in sample_image_urls[:10]]
    job = job_create(team=team, user=alice, connection=connection, items=inputs)
    batch = wait_for(lambda: Batch.objects.exclude(runflow_id="").filter(job=job).first())

    sentence = batch_cancel(batch=batch, user=alice)

    assert sentence == "Runflow is cancelling the items that have not finished."
    batch = wait_terminal(batch)
    assert batch.status in ("cancelled", "partial_succeeded")
    assert batch.items_cancelled > 0
    assert batch.items_succeeded + batch.items_failed + batch.items_cancelled == 10
    assert batch_cancel(batch=batch, user=alice).startswith("This batch has already finished")


def test_it_cancels_a_batch_not_sent_yet_without_calling_runflow(team, alice):
    from .conftest import make_batch, make_connection

    batch = make_batch(make_connection(team), status="pending", runflow_id="")

    assert batch_cancel(batch=batch, user=alice) == "Cancelled before it was sent to Runflow."
    batch.refresh_from_db()
    assert batch.status == "cancelled" and set(batch.items.values_list("status", flat=True)) == {
        "cancelled"
    }
