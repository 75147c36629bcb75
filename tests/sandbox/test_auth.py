from __future__ import annotations

import uuid

from .client import Sandbox, item


def test_it_answers_401_without_a_key(api, settings):
    anonymous = Sandbox(settings.SANDBOX_BASE, None)
    response = anonymous.get_batch(str(uuid.uuid4()))
    assert response.status_code == 401
    assert response.json()["code"] == "UNAUTHORIZED"


def test_it_answers_401_for_an_unknown_key(api, settings):
    stranger = Sandbox(settings.SANDBOX_BASE, "rf_test_" + "x" * 43)
    response = stranger.create_batch({"input": [item("http://127.0.0.1/a.jpg")]})
    assert response.status_code == 401
    assert response.json() == {"code": "UNAUTHORIZED", "message": "Missing or unknown API key"}


def test_it_answers_404_for_an_unknown_id(api):
    for response in (
        api.get_batch(str(uuid.uuid4())),
        api.get_run(str(uuid.uuid4())),
        api.cancel_batch(str(uuid.uuid4())),
        api.get_batch("not-a-uuid"),
    ):
        assert response.status_code == 404
        assert response.json()["code"] == "NOT_FOUND"


def test_it_answers_404_for_another_orgs_batch_and_run(api, other_api, sample_image_urls):
    batch = other_api.create_batch({"input": [item(sample_image_urls[0])]}).json()
    other_api.cancel_batch(batch["id"])
    assert api.get_batch(batch["id"]).status_code == 404
    assert api.cancel_batch(batch["id"]).status_code == 404
    assert api.get_run(batch["items"][0]["run_id"]).status_code == 404
    assert other_api.get_batch(batch["id"]).status_code == 200
