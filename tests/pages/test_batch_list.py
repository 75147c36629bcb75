"""The list of batches: status, progress, cost, who, when; filters; an empty state."""

from __future__ import annotations

import pytest
from django.urls import reverse

from batches.models import Batch, BatchStatus

from .conftest import make_batch

pytestmark = pytest.mark.django_db
URL = "/batches/"


def test_it_lists_the_teams_batches_with_status_progress_cost_and_who(
    alice_client, sandbox_connection, alice
):
    batch = make_batch(sandbox_connection, items=4, status=BatchStatus.SUCCEEDED, user=alice)
    Batch.objects.filter(pk=batch.pk).update(items_succeeded=4, cost="1.640000")
    body = alice_client.get(URL).content.decode()
    assert reverse("batches:detail", args=[batch.pk]) in body
    assert "Spring shoes" in body and "Succeeded" in body
    assert "4/4" in body and "1.640" in body and "Alice" in body
    assert '<progress max="100" value="100"' in body


def test_it_filters_by_status_and_searches_titles(alice_client, sandbox_connection):
    make_batch(sandbox_connection, title="Spring shoes", status=BatchStatus.RUNNING)
    make_batch(sandbox_connection, title="Winter coats", status=BatchStatus.FAILED)
    make_batch(sandbox_connection, title="Summer hats", status=BatchStatus.SUCCEEDED)

    def titles(**params):
        body = alice_client.get(URL, params).content.decode()
        return {t for t in ("Spring shoes", "Winter coats", "Summer hats") if t in body}

    assert titles() == {"Spring shoes", "Winter coats", "Summer hats"}
    assert titles(status="failed") == {"Winter coats"}
    assert titles(status="active") == {"Spring shoes"}
    assert titles(q="s") == {"Spring shoes", "Winter coats", "Summer hats"}
    assert titles(q="coat") == {"Winter coats"}
    assert titles(q="coat", status="succeeded") == set()


def test_the_filters_answer_htmx_with_the_results_only(alice_client, sandbox_connection):
    make_batch(sandbox_connection, title="Spring shoes")
    response = alice_client.get(URL, {"q": "spring"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">') and "Spring shoes" in body


def test_it_paginates(alice_client, sandbox_connection):
    for n in range(27):
        make_batch(sandbox_connection, title=f"Batch number {n:02}", items=1)
    first = alice_client.get(URL).content.decode()
    second = alice_client.get(URL, {"page": 2}).content.decode()
    assert "Page 1 of 2" in first and "Batch number 26" in first
    assert "Batch number 00" in second and "Batch number 26" not in second


def test_an_empty_list_says_what_to_do_next(alice_client):
    body = alice_client.get(URL).content.decode()
    assert "No batches yet" in body
    assert reverse("batches:new") in body


def test_a_filter_that_matches_nothing_says_so(alice_client, sandbox_connection):
    make_batch(sandbox_connection)
    body = alice_client.get(URL, {"q": "zzz"}).content.decode()
    assert "No batch matches" in body
