import re
import pytest
from playwright.sync_api import expect
from .test_browser_launch import live_connection_for_alice  # noqa


def test_screens_live(login_page, alice, live_connection_for_alice, sample_image_urls, celery_worker):
    page = login_page(alice)
    page.goto("/batches/new/")
    page.get_by_label("Image URLs").fill("\n".join(f"{u}, sku-{n}" for n, u in enumerate(sample_image_urls[:4])) + "\nhttp://127.0.0.1:1/missing.jpg, broken")
    page.get_by_label("Tag removal").check()
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(re.compile(r"/batches/[0-9a-f-]{36}/$"))
    page.screenshot(path="/tmp/shots-pages/live-early.png", full_page=True)
    expect(page.get_by_test_id("batch-status")).to_have_text(re.compile("Succeeded|Partly|Failed"), timeout=60_000)
    page.wait_for_timeout(4000)
    page.reload()
    page.wait_for_timeout(1500)
    page.screenshot(path="/tmp/shots-pages/live-done.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/shots-pages/live-done-phone.png", full_page=True)
    page.goto("/batches/webhooks/")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path="/tmp/shots-pages/log.png", full_page=True)
    page.locator("table a").first.click()
    page.screenshot(path="/tmp/shots-pages/delivery.png", full_page=True)
