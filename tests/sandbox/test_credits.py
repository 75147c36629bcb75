"""Admission: the projected cost of all items against the balance (less what is in flight)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .client import item

ALL = ("model_removal", "tag_removal", "product_isolation", "background_removal")


@pytest.fixture
def dear(settings):
    settings.RUNFLOW_PRICE_PER_STAGE = Decimal("10")  # 50 credits buy 5 stages


def test_it_answers_402_and_creates_and_charges_nothing(api, dear, sample_image_urls):
    from sandbox.models import Account, Batch, LedgerEntry, Run

    body = {
        "input": [
            item(sample_image_urls[0], *ALL),
            item(sample_image_urls[1], "tag_removal", "background_removal"),
        ]
    }  # 60 > 50
    response = api.create_batch(body)
    assert response.status_code == 402
    assert response.json()["code"] == "INSUFFICIENT_CREDITS"
    assert Account.objects.get().balance == Decimal("50")
    assert Batch.objects.count() == 0 and Run.objects.count() == 0
    assert LedgerEntry.objects.filter(kind="charge").count() == 0

    body["input"][1]["config"]["elements"] = ["tag_removal"]  # 50: fits exactly
    created = api.create_batch(body)
    assert created.status_code == 201
    api.cancel_batch(created.json()["id"])


def test_it_answers_402_for_a_run_too(api, dear, sample_image_urls):
    from sandbox.models import Run

    api.create_secret("unrelated")
    response = api.create_run({"input": item(sample_image_urls[0], *ALL, "model_removal")})
    assert response.status_code == 201  # duplicates count once: 40
    assert (
        api.create_run(
            {"input": item(sample_image_urls[0], "tag_removal", "background_removal")}
        ).status_code
        == 402
    )
    assert Run.objects.count() == 1


def test_it_holds_credit_for_batches_still_in_flight(api, dear, sample_image_urls):
    first = api.create_batch({"input": [item(sample_image_urls[0], *ALL)]})  # 40 held
    assert first.status_code == 201
    second = {"input": [item(sample_image_urls[1], "tag_removal", "background_removal")]}  # 20
    assert api.create_batch(second).status_code == 402
    api.cancel_batch(first.json()["id"])
    created = api.create_batch(second)
    assert created.status_code == 201
    api.cancel_batch(created.json()["id"])
