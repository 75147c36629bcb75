from __future__ import annotations

import pytest

from .client import item

pytestmark = pytest.mark.worker


def test_it_runs_one_image_and_reports_it_on_get(api, celery_worker, sample_image_urls):
    from sandbox.models import Account

    created = api.create_run(
        {"input": item(sample_image_urls[4], "tag_removal", aspect_ratio="1:1")}
    )
    assert created.status_code == 201
    run = api.wait_run(created.json()["run_id"])
    assert run["status"] == "succeeded"
    assert [u.rsplit("/", 1)[1] for u in run["output"]["image_urls"]] == [
        "tag_remover_00001_.webp",
        "result_00001_.webp",
    ]
    assert run["duration_ms"] > 0
    assert run["completed_at"] >= run["created_at"]
    assert str(Account.objects.get().balance) == "49.795000"


def test_it_fails_a_run_with_a_null_output(api, celery_worker, sample_image_urls):
    created = api.create_run({"input": item(sample_image_urls[4] + "?sandbox_fail=1")}).json()
    run = api.wait_run(created["run_id"])
    assert run["status"] == "failed"
    assert run["output"] is None
    assert run["error"]["kind"] == "upstream_failed"


def test_it_gives_each_batch_item_a_run_id_that_get_run_answers(
    api, celery_worker, sample_image_urls
):
    batch = api.create_batch({"input": [item(sample_image_urls[4])]}).json()
    api.wait_batch(batch["id"])
    run = api.get_run(batch["items"][0]["run_id"]).json()
    assert run["status"] == "succeeded"
