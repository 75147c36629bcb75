from __future__ import annotations

from decimal import Decimal

from .client import item


def test_it_answers_402_and_creates_and_charges_nothing(api, sample_image_urls):
    from sandbox.models import Account, Batch, LedgerEntry, Run

    all_four = ("model_removal", "tag_removal", "product_isolation", "background_removal")
    body = {"input": [item(sample_image_urls[0], *all_four)] * 61}  # 61 x 0.82 = 50.02 > 50
    response = api.create_batch(body)
    assert response.status_code == 402
    assert response.json()["code"] == "INSUFFICIENT_CREDITS"
    assert Account.objects.get().balance == Decimal("50")
    assert Batch.objects.count() == 0 and Run.objects.count() == 0
    assert LedgerEntry.objects.filter(kind="charge").count() == 0

    body["input"] = body["input"][:60]  # 49.20: fits
    assert api.create_batch(body).status_code == 201
    api.cancel_batch(Batch.objects.get().id)


def test_it_holds_credit_for_batches_still_in_flight(api, sample_image_urls):
    one = {"input": [item(sample_image_urls[0], "tag_removal", "background_removal")] * 100}
    first = api.create_batch(one)  # 41.00 held
    assert first.status_code == 201
    assert api.create_batch({"input": one["input"][:30]}).status_code == 402  # 12.30 > 9.00
    api.cancel_batch(first.json()["id"])
    assert api.create_batch({"input": one["input"][:30]}).status_code == 201
