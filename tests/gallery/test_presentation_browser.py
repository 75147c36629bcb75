from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gallery.services import showcase_create_from_items

from .factories import make_batch, make_items

pytestmark = pytest.mark.browser


def test_it_presents_one_item_at_a_time_with_the_viewer_keys(page, live_server, team, alice):
    items = make_items(make_batch(team), 3)
    showcase = showcase_create_from_items(team=team, user=alice, title="Projector", items=items)
    page.goto(reverse("gallery:public_present", kwargs={"token": showcase.token}))
    expect(page.locator(".site-header")).to_have_count(0)
    page.get_by_role("button", name="Start presentation").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_class("viewer viewer-present")
    expect(page.locator(".viewer-strip")).not_to_be_in_viewport()
    expect(page.locator(".viewer-img-a")).to_be_in_viewport()
    page.keyboard.press("ArrowRight")
    expect(page.locator(".viewer-count")).to_have_text("2 / 3")
    page.keyboard.press("End")
    expect(page.locator(".viewer-count")).to_have_text("3 / 3")


def test_it_auto_advances_when_asked(page, live_server, team, alice):
    items = make_items(make_batch(team), 2)
    showcase = showcase_create_from_items(team=team, user=alice, title="Loop", items=items)
    page.clock.install()
    page.goto(reverse("gallery:public_present", kwargs={"token": showcase.token}))
    page.get_by_label("Auto-advance").select_option("5")
    page.get_by_role("button", name="Start presentation").click()
    expect(page.locator(".viewer-count")).to_have_text("1 / 2")
    page.clock.run_for(5_500)
    expect(page.locator(".viewer-count")).to_have_text("2 / 2")
    page.keyboard.press(" ")  # pause
    page.clock.run_for(11_000)
    expect(page.locator(".viewer-count")).to_have_text("2 / 2")


def test_it_offers_a_way_out_on_a_touch_screen_and_nothing_on_a_projector(
    browser_context, page, live_server, team, alice
):
    items = make_items(make_batch(team), 2)
    showcase = showcase_create_from_items(team=team, user=alice, title="Phone", items=items)
    url = reverse("gallery:public_present", kwargs={"token": showcase.token})

    page.goto(url)  # a laptop or projector: keyboard, fine pointer
    page.get_by_role("button", name="Start presentation").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    expect(page.get_by_role("button", name="End presentation")).to_be_hidden()

    phone = browser_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    touch = phone.new_page()
    touch.goto(url)
    touch.get_by_role("button", name="Start presentation").tap()
    expect(touch.get_by_role("dialog")).to_be_visible()
    touch.get_by_role("button", name="End presentation").tap()
    expect(touch.get_by_role("dialog")).to_be_hidden()
