"""Cancel while not terminal; retry the failed items as a new batch."""

from __future__ import annotations

import pytest
from django.urls import reverse

from batches.models import Batch, BatchStatus, ItemStatus, Job

from .conftest import fail, make_batch, succeed

pytestmark = pytest.mark.django_db


def page(client, batch) -> str:
    return client.get(reverse("batches:detail", args=[batch.pk])).content.decode()


def test_cancel_is_offered_only_while_the_batch_is_not_terminal(alice_client, sandbox_connection):
    running = make_batch(sandbox_connection, status=BatchStatus.RUNNING)
    done = make_batch(sandbox_connection, status=BatchStatus.SUCCEEDED)
    assert reverse("batches:cancel", args=[running.pk]) in page(alice_client, running)
    assert reverse("batches:cancel", args=[done.pk]) not in page(alice_client, done)


def test_cancel_of_a_batch_not_yet_sent_cancels_it(alice_client, sandbox_connection):
    batch = make_batch(sandbox_connection, status=BatchStatus.PENDING)
    Batch.objects.filter(pk=batch.pk).update(runflow_id="")
    response = alice_client.post(reverse("batches:cancel", args=[batch.pk]), follow=True)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED
    assert "Cancelled before it was sent to Runflow." in response.content.decode()


def test_cancel_is_post_only(alice_client, sandbox_connection):
    batch = make_batch(sandbox_connection)
    assert alice_client.get(reverse("batches:cancel", args=[batch.pk])).status_code == 405


def test_retry_is_offered_only_when_an_item_failed(alice_client, sandbox_connection):
    batch = make_batch(sandbox_connection, items=2, status=BatchStatus.SUCCEEDED)
    for item in batch.items.all():
        succeed(item, with_stages=False)
    assert reverse("batches:retry", args=[batch.pk]) not in page(alice_client, batch)
    fail(batch.items.first())
    assert reverse("batches:retry", args=[batch.pk]) in page(alice_client, batch)


def test_retry_sends_the_failed_items_as_a_new_batch(alice_client, sandbox_connection, alice):
    batch = make_batch(sandbox_connection, items=3, status=BatchStatus.PARTIAL_SUCCEEDED)
    first, second, third = batch.items.order_by("sequence_index")
    succeed(first, with_stages=False)
    fail(second)
    fail(third)
    response = alice_client.post(reverse("batches:retry", args=[batch.pk]))
    retry_job = Job.objects.get(retry_of=batch.job)
    new = retry_job.batches.get()
    assert response["Location"] == reverse("batches:detail", args=[new.pk])
    assert list(new.items.values_list("client_ref", "status")) == [
        ("sku-1", ItemStatus.PENDING),
        ("sku-2", ItemStatus.PENDING),
    ]
    assert retry_job.created_by == alice


def test_retry_with_nothing_failed_says_so(alice_client, sandbox_connection):
    batch = make_batch(sandbox_connection, items=1, status=BatchStatus.SUCCEEDED)
    response = alice_client.post(reverse("batches:retry", args=[batch.pk]), follow=True)
    assert "nothing to retry" in response.content.decode()
    assert Job.objects.count() == 1
