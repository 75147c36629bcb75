from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .browser import log_in
from .factories import make_batch, make_items

pytestmark = pytest.mark.browser


@pytest.fixture
def items(page, live_server, alice, team):
    batch = make_batch(team)
    log_in(page, live_server, alice)
    return make_items(batch, 4)


def test_it_opens_the_viewer_at_the_linked_item_and_stage(page, items):
    url = reverse("gallery:item", kwargs={"pk": items[2].pk})
    page.goto(f"{url}?batch={items[2].batch_id}&stage=original")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(page.locator(".viewer-count")).to_have_text("3 / 4")
    expect(page.locator(".viewer-strip [aria-current='true']")).to_contain_text("Original")
    page.keyboard.press("ArrowRight")  # its neighbours come from the data endpoint
    expect(page.locator(".viewer-count")).to_have_text("4 / 4")
    assert str(items[3].pk) in page.url


def test_it_puts_item_and_stage_in_the_url_and_back_closes(page, items):
    page.goto(reverse("gallery:team_gallery"))
    gallery_url = page.url
    page.locator("a[data-viewer-item]").nth(1).click()
    expect(page.get_by_role("dialog")).to_be_visible()
    assert f"/gallery/items/{items[1].pk}/" in page.url and "stage=result" in page.url
    page.go_back()
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert page.url == gallery_url


def test_it_shows_the_stage_sequence_without_javascript(browser_no_js, live_server, alice, items):
    context, pg = browser_no_js
    log_in(pg, live_server, alice)
    pg.goto(reverse("gallery:item", kwargs={"pk": items[0].pk}) + "?stage=original")
    expect(pg.locator(".stage-strip li")).to_have_count(4)
    expect(pg.locator(".stage-strip [aria-current='true']")).to_contain_text("Original")
    expect(pg.get_by_role("link", name="Next →")).to_be_visible()
