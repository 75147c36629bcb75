from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import counter, focused_item, log_in
from .factories import make_batch, make_items

pytestmark = pytest.mark.browser


@pytest.fixture
def gallery(page, live_server, alice, team):
    batch = make_batch(team)
    items = make_items(batch, 6, elements=("model_removal", "tag_removal", "background_removal"))
    log_in(page, live_server, alice)
    page.goto(f"/gallery/batch/{batch.pk}/")
    return items


def test_it_walks_items_with_arrows_and_returns_focus_on_escape(page, gallery):
    first = page.locator("a[data-viewer-item]").first
    first.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    assert dialog.get_attribute("aria-modal") == "true"
    expect(dialog).to_have_accessible_name(gallery[0].client_ref)
    assert page.evaluate("document.querySelector('dialog.viewer').contains(document.activeElement)")
    assert counter(page) == "1 / 6"
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(page.locator(".viewer-count")).to_have_text("4 / 6")
    expect(page.locator(".viewer-counter")).to_have_attribute("aria-live", "polite")
    expect(page.locator(".viewer-counter .visually-hidden")).to_have_text("Item 4 of 6")
    expect(dialog).to_have_accessible_name(gallery[3].client_ref)
    page.keyboard.press("End")
    expect(page.locator(".viewer-count")).to_have_text("6 / 6")
    page.keyboard.press("Home")
    expect(page.locator(".viewer-count")).to_have_text("1 / 6")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert focused_item(page) == str(gallery[0].pk)


def test_it_picks_a_stage_by_key(page, gallery):
    page.locator("a[data-viewer-item]").nth(1).click()
    current = page.locator(".viewer-strip [aria-current='true']")
    expect(current).to_contain_text("Result")
    page.keyboard.press("1")
    expect(current).to_contain_text("1. Original")
    expect(page.locator(".viewer-img-a")).to_have_attribute(
        "alt", f"Original of {gallery[1].client_ref}"
    )
    page.keyboard.press("ArrowDown")
    expect(current).to_contain_text("2. Model removal")
    page.keyboard.press("3")
    expect(current).to_contain_text("3. Tag removal")
    assert "stage=tag_removal" in page.url
    page.keyboard.press("ArrowRight")  # the next item keeps the stage
    expect(current).to_contain_text("3. Tag removal")


def test_it_keeps_tab_inside_the_dialog(page, gallery):
    page.locator("a[data-viewer-item]").first.click()
    expect(page.get_by_role("dialog")).to_be_visible()
    for _ in range(25):
        page.keyboard.press("Tab")
        assert page.evaluate(
            "document.querySelector('dialog.viewer').contains(document.activeElement)"
        )
