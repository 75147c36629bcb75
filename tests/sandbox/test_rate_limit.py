from __future__ import annotations

import time
import uuid


def test_it_answers_429_past_the_rate_then_serves_after_retry_after(api, settings):
    settings.SANDBOX_RATE_LIMIT_PER_MINUTE = 120
    settings.SANDBOX_RATE_WINDOW_S = 1  # 2 requests a second
    some_id = str(uuid.uuid4())
    for _ in range(10):
        response = api.get_batch(some_id)
        if response.status_code == 429:
            break
    assert response.status_code == 429
    assert response.json()["code"] == "RATE_LIMITED"
    retry_after = int(response.headers["Retry-After"])
    assert 1 <= retry_after <= 1
    time.sleep(retry_after)
    assert api.get_batch(some_id).status_code == 404


def test_it_counts_each_key_apart(api, other_api, settings):
    settings.SANDBOX_RATE_LIMIT_PER_MINUTE = 60
    settings.SANDBOX_RATE_WINDOW_S = 5  # 5 requests per 5 s
    some_id = str(uuid.uuid4())
    for _ in range(20):
        if api.get_batch(some_id).status_code == 429:
            break
    else:
        raise AssertionError("never limited")
    assert other_api.get_batch(some_id).status_code == 404
