from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import log_in
from .factories import make_batch, make_item

pytestmark = pytest.mark.browser


def _split(page) -> float:
    value = page.evaluate(
        "getComputedStyle(document.querySelector('.viewer-frame')).getPropertyValue('--split')"
    )
    return float(value.strip().rstrip("%"))


def test_it_drags_and_keys_the_compare_handle(page, live_server, alice, team):
    batch = make_batch(team)
    item = make_item(batch, elements=("tag_removal", "background_removal"))
    log_in(page, live_server, alice)
    page.goto(f"/gallery/batch/{batch.pk}/")
    page.locator("a[data-viewer-item]").first.click()
    page.get_by_role("button", name="Compare").click()
    slider = page.get_by_role("slider", name="Compare position")
    expect(slider).to_be_visible()
    expect(slider).to_have_attribute("aria-valuenow", "50")
    # By default: the original over the result; any two can be picked.
    expect(page.get_by_label("Left")).to_have_value("original")
    expect(page.get_by_label("Right")).to_have_value("result")
    top = page.locator(".viewer-img-a")
    expect(top).to_have_attribute("alt", f"Original of {item.client_ref}")
    clip_before = top.evaluate("el => getComputedStyle(el).clipPath")

    frame = page.locator(".viewer-frame").bounding_box()
    handle = slider.bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(frame["x"] + frame["width"] * 0.2, frame["y"] + frame["height"] / 2, steps=5)
    page.mouse.up()
    assert 15 <= _split(page) <= 25
    assert int(slider.get_attribute("aria-valuenow")) == round(_split(page))
    assert top.evaluate("el => getComputedStyle(el).clipPath") != clip_before

    slider.focus()
    before = int(slider.get_attribute("aria-valuenow"))
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuenow", str(before + 2))
    expect(page.locator(".viewer-count")).to_have_text("1 / 1")  # arrows moved the handle only
    page.keyboard.press("End")
    expect(slider).to_have_attribute("aria-valuenow", "100")
    page.keyboard.press("Home")
    expect(slider).to_have_attribute("aria-valuenow", "0")
    assert _split(page) == 0

    page.get_by_label("Left").select_option("tag_removal")
    expect(top).to_have_attribute("alt", f"Tag removal of {item.client_ref}")
