"""In Chromium: launch from the form and watch the counters reach terminal, no reload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from batches.models import Batch

pytestmark = [pytest.mark.browser, pytest.mark.worker]

TERMINAL = re.compile(r"^(Succeeded|Partly succeeded|Failed|Cancelled)$")


def test_it_launches_from_the_form_and_fills_in_without_a_reload(
    login_page, alice, connection, sample_image_urls, celery_worker
):
    page = login_page(alice)
    page.goto("/batches/new/")
    urls = "\n".join(f"{u}, sku-{n}" for n, u in enumerate(sample_image_urls[:3]))
    page.get_by_label("Image URLs").fill(urls)
    page.get_by_label("Tag removal").check()
    page.get_by_role("button", name="Check").click()
    preview = page.locator("#preview")
    expect(preview).to_contain_text("3 images")
    expect(preview).to_contain_text("1.230 projected cost (sandbox prices)")  # 3 × 2 × 0.205
    expect(preview).to_contain_text("Ready to send")

    page.get_by_role("button", name="Send").click()
    page.wait_for_url(re.compile(r"/batches/[0-9a-f-]{36}/$"))
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads

    expect(page.get_by_test_id("batch-status")).to_have_text(TERMINAL, timeout=60_000)
    expect(page.locator('[data-count="done"]')).to_have_text("3")
    assert page.evaluate("window.__sameDocument") is True
    # polling stopped by itself: the terminal fragment carries no trigger
    expect(page.locator("#progress")).not_to_have_attribute("hx-trigger", re.compile(".*"))
    batch = Batch.objects.get()
    assert batch.is_terminal and batch.items_done == 3
