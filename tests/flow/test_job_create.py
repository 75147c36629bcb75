from decimal import Decimal

from batches.models import Batch, Item
from batches.services import ItemInput, job_create

from .conftest import make_connection


def test_it_splits_a_job_into_batches_and_enqueues_each_on_commit(
    team, alice, settings, django_capture_on_commit_callbacks
):
    settings.RUNFLOW_MAX_BATCH_ITEMS = 2
    connection = make_connection(team)
    inputs = [
        ItemInput(
            image_url=f"http://127.0.0.1:9/{n}.jpg",
            client_ref=f"sku-{n}",
            elements=["background_removal", "tag_removal", "tag_removal"],
            aspect_ratio="1:1",
        )
        for n in range(5)
    ]

    with django_capture_on_commit_callbacks() as callbacks:
        job = job_create(
            team=team, user=alice, connection=connection, items=inputs, title=" Spring "
        )

    batches = list(Batch.objects.filter(job=job).order_by("part"))
    assert [(b.part, b.items_total) for b in batches] == [(1, 2), (2, 2), (3, 1)]
    assert [b.projected_cost for b in batches] == [
        Decimal("0.82"),
        Decimal("0.82"),
        Decimal("0.41"),
    ]
    assert all(b.status == "pending" and b.callback_url == connection.webhook_url for b in batches)
    assert len(callbacks) == 3  # one submission per batch, after commit
    item = Item.objects.get(batch=batches[1], sequence_index=1)
    assert item.client_ref == "sku-3"
    assert item.config == {"elements": ["tag_removal", "background_removal"], "aspect_ratio": "1:1"}
    assert job.title == "Spring"


def test_it_prices_nothing_for_a_live_key(team, alice):
    connection = make_connection(team, key="rf_live_flow1234abcd")
    connection.environment = "live"
    connection.save()
    from batches.pricing import projected_cost

    inputs = [ItemInput(image_url="http://127.0.0.1:9/a.jpg", elements=["tag_removal"])]
    assert projected_cost(items=inputs, connection=connection) is None
