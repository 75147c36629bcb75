from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gallery.models import ShowcaseItem
from gallery.services import showcase_create

from .browser import log_in
from .factories import make_batch, make_items

pytestmark = pytest.mark.browser


def test_it_stars_an_item_from_the_viewer(page, live_server, team, alice):
    batch = make_batch(team)
    items = make_items(batch, 2)
    showcase = showcase_create(team=team, user=alice, title="Picks")
    log_in(page, live_server, alice)
    page.goto(f"/gallery/batch/{batch.pk}/")
    page.locator("a[data-viewer-item]").nth(1).click()
    star = page.locator("dialog.viewer").get_by_role("button", name="Star", exact=True)
    expect(star).to_have_attribute("aria-pressed", "false")
    star.click()
    expect(star).to_have_attribute("aria-pressed", "true")
    assert ShowcaseItem.objects.filter(showcase=showcase, item=items[1]).exists()
    page.keyboard.press("Escape")
    tile_star = page.locator(f"[data-star-item='{items[1].pk}']")
    expect(tile_star).to_have_attribute("aria-pressed", "true")
