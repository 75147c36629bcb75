"""A create that gets a 5xx or times out has an unknown outcome: never sent again.

The sandbox cannot be made to fail this way, so a real local HTTP server stands in
for Runflow here (`StandIn` in conftest): it answers 503, or holds the request past
the client's timeout.
"""

from batches import tasks
from batches.models import Batch
from batches.services import ItemInput, job_create

from .conftest import make_connection, wait_for


def _launch(team, alice, base_url):
    connection = make_connection(team, base_url=base_url)
    job = job_create(
        team=team,
        user=alice,
        connection=connection,
        items=[ItemInput(image_url="http://127.0.0.1:9/a.jpg", elements=["tag_removal"])],
    )
    return job.batches.get()


def _ends_unknown(batch, standin):
    batch = wait_for(lambda: Batch.objects.filter(pk=batch.pk, status="unknown").first())
    assert "not sent again" in batch.status_detail
    assert standin.creates() == 1
    assert tasks.batch_submit.apply(args=[str(batch.pk)]).get() == "not pending: nothing sent"
    assert standin.creates() == 1
    return batch


def test_it_marks_a_create_that_got_a_503_unknown_and_does_not_retry(
    team, alice, celery_worker, standin_503
):
    batch = _ends_unknown(_launch(team, alice, standin_503.url), standin_503)
    assert "server error (HTTP 503)" in batch.status_detail


def test_it_marks_a_create_that_timed_out_unknown_and_does_not_retry(
    team, alice, celery_worker, standin_stall
):
    batch = _ends_unknown(_launch(team, alice, standin_stall.url), standin_stall)
    assert "did not answer within 1 seconds" in batch.status_detail
