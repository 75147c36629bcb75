from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_it_builds_a_100_item_batch_object_in_a_constant_number_of_queries(
    django_assert_max_num_queries,
):
    from sandbox.selectors import batch_object
    from sandbox.services import account_create, batch_create

    account, _ = account_create(credits=100, label="q")
    item = {"image_url": "http://127.0.0.1:9/a.jpg", "config": {"elements": ["tag_removal"]}}
    batch = batch_create(account=account, body={"input": [item] * 100}, origin="http://h")
    with django_assert_max_num_queries(1):
        body = batch_object(batch)
    assert body["items_total"] == 100
