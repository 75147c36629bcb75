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


@pytest.mark.django_db
def test_it_holds_credit_for_runs_still_in_flight(dear):
    # Service level, in one transaction: nothing reaches a worker, so the first batch
    # stays queued for as long as the test needs.
    from sandbox.models import Run, Status
    from sandbox.services import InsufficientCredits, account_create, batch_create

    account, _ = account_create(credits=50, label="hold")
    four = {"image_url": "http://127.0.0.1:9/a.jpg", "config": {"elements": list(ALL)}}
    two = {"image_url": "http://127.0.0.1:9/b.jpg", "config": {"elements": list(ALL[:2])}}
    batch_create(account=account, body={"input": [four]}, origin="http://h")  # 40 held
    with pytest.raises(InsufficientCredits):
        batch_create(account=account, body={"input": [two]}, origin="http://h")  # 20 > 10
    Run.objects.update(status=Status.FAILED)  # done, not charged: the hold is released
    batch_create(account=account, body={"input": [two]}, origin="http://h")
