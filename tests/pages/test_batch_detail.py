"""The batch page: counts, bar, items with errors and thumbnails; polls until terminal."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from batches.models import Batch, BatchStatus

from .conftest import fail, make_batch, succeed

pytestmark = pytest.mark.django_db


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def url(batch) -> str:
    return reverse("batches:detail", args=[batch.pk])


def test_it_shows_counts_items_errors_and_stage_thumbnails(alice_client, sandbox_connection):
    batch = make_batch(sandbox_connection, items=3)
    first, second, _ = batch.items.order_by("sequence_index")
    succeed(first)
    fail(second, "The image could not be fetched (HTTP 404).")
    Batch.objects.filter(pk=batch.pk).update(items_succeeded=1, items_failed=1)
    body = alice_client.get(url(batch)).content.decode()
    assert 'data-count="done">2</strong> of 3 done' in body
    assert '<progress id="batch-progress" max="100" value="67">' in body
    assert "The image could not be fetched (HTTP 404)." in body
    stage = first.stages.get(position=3)
    thumb = reverse("gallery:stage_image", args=[stage.pk, "thumb"])
    assert f'src="{thumb}" loading="lazy"' in body
    assert 'width="32" height="24" alt=""><figcaption>Result<' in body
    assert reverse("gallery:batch_gallery", args=[batch.pk]) in body


def test_the_fragment_polls_while_the_batch_runs(alice_client, sandbox_connection):
    batch = make_batch(sandbox_connection, status=BatchStatus.RUNNING)
    response = alice_client.get(url(batch), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="progress"')
    assert "<html" not in body
    assert f'hx-get="{url(batch)}" hx-trigger="every 2s"' in body


def test_the_fragment_stops_polling_once_terminal(alice_client, sandbox_connection):
    batch = make_batch(sandbox_connection, status=BatchStatus.PARTIAL_SUCCEEDED)
    body = alice_client.get(url(batch), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in body
    assert "Partly succeeded" in body


def test_without_javascript_a_refresh_shows_the_same(alice_client, sandbox_connection):
    batch = make_batch(sandbox_connection, items=2)
    fragment = alice_client.get(url(batch), headers={"HX-Request": "true"}).content.decode()
    page = alice_client.get(url(batch)).content.decode()
    assert without_csrf(fragment).strip() in without_csrf(page)


def test_its_query_count_does_not_grow_with_its_items(
    alice_client, sandbox_connection, django_assert_max_num_queries
):
    small = make_batch(sandbox_connection, items=2)
    big = make_batch(sandbox_connection, items=40)
    for batch in (small, big):
        for item in batch.items.all():
            succeed(item)
    alice_client.get(url(small))  # the session's first request stores the current team
    counts = []
    for batch in (small, big):
        with CaptureQueriesContext(connection) as ctx:
            assert alice_client.get(url(batch)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(12):
        alice_client.get(url(big), headers={"HX-Request": "true"})


def test_the_job_page_shows_all_its_batches_with_combined_counts(alice_client, sandbox_connection):
    first = make_batch(sandbox_connection, items=3, status=BatchStatus.SUCCEEDED)
    Batch.objects.filter(pk=first.pk).update(items_succeeded=3, cost="1.230000")
    make_batch(sandbox_connection, items=2, job=first.job, part=2)
    body = alice_client.get(reverse("batches:job", args=[first.job.pk])).content.decode()
    assert 'data-count="done">3</strong> of 5 done' in body
    assert "Part 1" in body and "Part 2" in body
    assert 'hx-trigger="every 2s"' in body  # part 2 still runs


def test_a_poll_that_finds_nothing_new_is_answered_304(alice_client, sandbox_connection):
    batch = make_batch(sandbox_connection, items=2)
    first = alice_client.get(url(batch), headers={"HX-Request": "true"})
    etag = first["ETag"]
    assert "HX-Request" in first["Vary"]
    again = alice_client.get(url(batch), headers={"HX-Request": "true", "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    succeed(batch.items.first())
    changed = alice_client.get(url(batch), headers={"HX-Request": "true", "If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
