"""Every 422 the contract implies, each with `loc` pointing at the exact field."""

from __future__ import annotations

import pytest

GOOD = "http://127.0.0.1:9/a.jpg"


def _items(n: int) -> list[dict]:
    return [{"image_url": GOOD, "config": {"elements": ["tag_removal"]}} for _ in range(n)]


def _with(index: int, **changes) -> dict:
    items = _items(index + 1)
    for key, value in changes.items():
        if key == "config":
            items[index]["config"] = value
        elif value is None:
            items[index].pop(key)
        else:
            items[index][key] = value
    return {"input": items}


CASES = {
    "no input": ({"callback_url": "https://x.example/h"}, ["body", "input"], "missing"),
    "empty input": ({"input": []}, ["body", "input"], "too_short"),
    "more than 100 items": ({"input": _items(101)}, ["body", "input"], "too_long"),
    "missing image_url": (_with(2, image_url=None), ["body", "input", 2, "image_url"], "missing"),
    "ftp image_url": (
        _with(1, image_url="ftp://h/a.jpg"),
        ["body", "input", 1, "image_url"],
        "url_parsing",
    ),
    "relative image_url": (
        _with(0, image_url="/a.jpg"),
        ["body", "input", 0, "image_url"],
        "url_parsing",
    ),
    "empty elements": (
        _with(3, config={"elements": []}),
        ["body", "input", 3, "config", "elements"],
        "too_short",
    ),
    "missing elements": (
        _with(0, config={}),
        ["body", "input", 0, "config", "elements"],
        "missing",
    ),
    "unknown element": (
        _with(3, config={"elements": ["tag_removal", "colourise"]}),
        ["body", "input", 3, "config", "elements", 1],
        "literal_error",
    ),
    "bad aspect_ratio": (
        _with(1, config={"elements": ["tag_removal"], "aspect_ratio": "square"}),
        ["body", "input", 1, "config", "aspect_ratio"],
        "string_pattern_mismatch",
    ),
    "zero aspect_ratio": (
        _with(0, config={"elements": ["tag_removal"], "aspect_ratio": "0:1"}),
        ["body", "input", 0, "config", "aspect_ratio"],
        "string_pattern_mismatch",
    ),
    "client_ref over 255": (
        _with(0, client_ref="r" * 256),
        ["body", "input", 0, "client_ref"],
        "string_too_long",
    ),
    "metadata over 16 KB": (
        {"input": _items(1), "metadata": {"blob": "m" * 16400}},
        ["body", "metadata"],
        "too_long",
    ),
    "plain http callback": (
        {"input": _items(1), "callback_url": "http://you.example/hook"},
        ["body", "callback_url"],
        "url_scheme",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_it_answers_422_with_the_exact_loc(api, case):
    body, loc, kind = CASES[case]
    response = api.create_batch(body)
    assert response.status_code == 422
    envelope = response.json()
    assert envelope["code"] == "VALIDATION_ERROR"
    assert envelope["message"] == "Request validation failed"
    assert {"loc": loc, "type": kind} in [
        {"loc": e["loc"], "type": e["type"]} for e in envelope["errors"]
    ]
    assert all(set(e) == {"loc", "msg", "type"} for e in envelope["errors"])


def test_it_points_a_run_error_at_the_single_input(api):
    response = api.create_run({"input": {"config": {"elements": ["tag_removal"]}}})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "input", "image_url"]


def test_it_answers_422_for_a_body_that_is_not_json(api):
    response = api.http.post(
        "/v1/models/runflow/dyver-removal/batches",
        content=b"{nope",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["type"] == "json_invalid"


def test_it_accepts_the_limits_themselves(api, settings):
    settings.RUNFLOW_MAX_BATCH_ITEMS = 2  # the cap is a setting (Runflow raises it per org)
    body = {
        "input": _items(3),
        "callback_url": "http://127.0.0.1:9/hook",
        "metadata": {"blob": "m" * 16000},
    }
    assert api.create_batch(body).json()["errors"][0]["loc"] == ["body", "input"]
    body["input"] = body["input"][:2]
    body["input"][0]["client_ref"] = "r" * 255
    response = api.create_batch(body)
    assert response.status_code == 201, response.json()
    api.cancel_batch(response.json()["id"])
