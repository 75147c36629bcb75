from __future__ import annotations

import io

import httpx
from PIL import Image


def test_it_serves_at_least_12_sample_photos_under_static(sample_image_urls, transactional_db):
    assert len(sample_image_urls) >= 12
    sizes, total = [], 0
    for url in sample_image_urls:
        response = httpx.get(url)
        assert response.status_code == 200
        total += len(response.content)
        image = Image.open(io.BytesIO(response.content))
        assert image.format == "JPEG"
        sizes.append(max(image.size))
    assert max(sizes) == 2048 and min(sizes) < 1200
    assert total < 6_000_000
