import pytest

from batches.models import Item
from batches.services import job_retry_failed

from .conftest import make_batch, make_connection


def test_it_retries_only_the_failed_items_as_a_new_job(team, alice):
    batch = make_batch(make_connection(team), items=3, status="partial_succeeded")
    Item.objects.filter(batch=batch, sequence_index__in=[0, 2]).update(status="failed")
    Item.objects.filter(batch=batch, sequence_index=1).update(status="succeeded")

    job = job_retry_failed(batch=batch, user=alice)

    assert job.retry_of == batch.job
    retried = job.batches.get()
    assert [i.image_url for i in retried.items.all()] == [
        "http://127.0.0.1:9/0.jpg",
        "http://127.0.0.1:9/2.jpg",
    ]


def test_it_refuses_in_words_when_nothing_failed(team, alice):
    batch = make_batch(make_connection(team), items=1, status="succeeded")
    with pytest.raises(ValueError, match="nothing to retry"):
        job_retry_failed(batch=batch, user=alice)
