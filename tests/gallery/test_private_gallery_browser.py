from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .browser import log_in
from .factories import make_batch, make_items

pytestmark = pytest.mark.browser


def test_it_hides_a_private_gallery_and_its_images_from_an_outsider(
    page, live_server, team, charlie
):
    batch = make_batch(team)
    items = make_items(batch, 2)
    image = items[0].stages.last()
    log_in(page, live_server, charlie)
    assert page.goto(reverse("gallery:batch_gallery", kwargs={"batch_id": batch.pk})).status == 404
    assert page.goto(reverse("gallery:item", kwargs={"pk": items[0].pk})).status == 404
    for variant in ("full", "thumb"):
        url = reverse("gallery:stage_image", kwargs={"pk": image.pk, "variant": variant})
        assert page.goto(url).status == 404
    page.goto(reverse("gallery:team_gallery"))
    expect(page.get_by_text("No items yet")).to_be_visible()
    assert items[0].client_ref not in page.content()
    data = page.goto(reverse("gallery:data") + f"?batch={batch.pk}").json()
    assert data["items"] == [] or all(i["id"] != str(items[0].pk) for i in data["items"])


def test_it_sends_a_logged_out_visitor_away_from_private_images(page, team):
    items = make_items(make_batch(team), 1)
    url = reverse(
        "gallery:stage_image", kwargs={"pk": items[0].stages.first().pk, "variant": "full"}
    )
    page.goto(url)
    assert "/accounts/login/" in page.url
