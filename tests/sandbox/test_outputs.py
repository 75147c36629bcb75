"""What the images show: a real cut-out with alpha, a final at the asked aspect ratio."""

from __future__ import annotations

import io

import httpx
import numpy as np
import pytest
from PIL import Image

from .client import item

pytestmark = pytest.mark.worker
ALL = ("model_removal", "tag_removal", "product_isolation", "background_removal")


def _image(url: str) -> Image.Image:
    response = httpx.get(url)
    assert response.status_code == 200
    return Image.open(io.BytesIO(response.content))


def test_it_writes_every_stage_in_order_with_a_transparent_background_and_the_asked_ratio(
    api, celery_worker, sample_image_urls
):
    created = api.create_batch(
        {
            "input": [
                item(
                    sample_image_urls[0],
                    *ALL,
                    aspect_ratio="4:5",
                    product_isolation_prompt="the dress",
                ),
                item(sample_image_urls[3], "background_removal", aspect_ratio="16:9"),
            ]
        }
    )
    batch = api.wait_batch(created.json()["id"])
    assert batch["status_code"] == "succeeded"
    first, second = (i["output"]["image_urls"] for i in batch["output"]["items"])
    assert [u.rsplit("/", 1)[1] for u in first] == [
        "model_remover_00001_.webp",
        "tag_remover_00001_.webp",
        "product_isolator_00001_.webp",
        "bg_remover_00001_.webp",
        "result_00001_.webp",
    ]

    cutout = np.asarray(_image(first[3]).convert("RGBA"))
    h, w = cutout.shape[:2]
    corners = [cutout[0, 0, 3], cutout[0, -1, 3], cutout[-1, 0, 3], cutout[-1, -1, 3]]
    assert max(corners) == 0
    centre = cutout[h * 2 // 5 : h * 3 // 5, w * 2 // 5 : w * 3 // 5, 3]
    assert centre.min() == 255
    assert 0.15 < (cutout[..., 3] > 128).mean() < 0.95

    final = _image(first[4])
    assert final.width * 5 == final.height * 4
    other = _image(second[-1])
    assert other.width * 9 == other.height * 16
    assert [u.rsplit("/", 1)[1] for u in second] == ["bg_remover_00001_.webp", "result_00001_.webp"]


def test_it_gives_the_same_output_for_the_same_input(api, celery_worker, sample_image_urls):
    body = {"input": [item(sample_image_urls[5], "tag_removal", "product_isolation")] * 2}
    batch = api.wait_batch(api.create_batch(body).json()["id"])
    a, b = (i["output"]["image_urls"] for i in batch["output"]["items"])
    assert a != b
    assert [httpx.get(u).content for u in a] == [httpx.get(u).content for u in b]
