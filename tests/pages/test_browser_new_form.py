"""In Chromium: the form shows the chosen source's inputs and adds metadata rows."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_only_the_chosen_source_and_adds_metadata_rows(
    login_page, alice, sandbox_connection
):
    page = login_page(alice)
    page.goto("/batches/new/")
    expect(page.get_by_label("Image URLs")).to_be_visible()
    expect(page.get_by_label("CSV file")).to_be_hidden()
    page.get_by_label("From a CSV").check()
    expect(page.get_by_label("Image URLs")).to_be_hidden()
    expect(page.get_by_label("CSV file")).to_be_visible()
    page.get_by_label("Upload images").check()
    expect(page.get_by_label("Image files")).to_be_visible()

    expect(page.locator(".meta-row")).to_have_count(3)
    page.get_by_role("button", name="Add a row").click()
    expect(page.locator(".meta-row")).to_have_count(4)
    expect(page.get_by_label("Metadata key 4")).to_be_focused()
    expect(page.locator("#meta_key_3")).to_have_attribute("name", "meta_key_3")
