from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gallery.services import showcase_create_from_items

from .factories import make_batch, make_items

pytestmark = pytest.mark.django_db


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_it_does_not_grow_queries_with_items(alice_client, team, alice):
    batch = make_batch(team)
    make_items(batch, 2)
    url = reverse("gallery:team_gallery")
    alice_client.get(url)  # the first visit also stores the current team in the session
    few = _count(alice_client, url)
    make_items(batch, 12, elements=("model_removal", "tag_removal", "background_removal"))
    many = _count(alice_client, url)
    assert many == few
    batch_url = reverse("gallery:batch_gallery", kwargs={"batch_id": batch.pk})
    assert _count(alice_client, batch_url) <= few + 3


def test_it_keeps_the_share_page_and_data_constant_too(client, team, alice):
    batch = make_batch(team)
    items = make_items(batch, 2)
    showcase = showcase_create_from_items(team=team, user=alice, title="Q", items=items)
    url = reverse("gallery:public_showcase", kwargs={"token": showcase.token})
    few = _count(client, url)
    from gallery.services import showcase_add_items

    showcase_add_items(showcase=showcase, items=make_items(batch, 10))
    assert _count(client, url) == few


def test_it_keeps_the_gallery_under_a_fixed_budget(
    alice_client, team, django_assert_max_num_queries
):
    make_items(make_batch(team), 20)
    alice_client.get(reverse("gallery:team_gallery"))
    with django_assert_max_num_queries(12):
        alice_client.get(reverse("gallery:team_gallery"))
