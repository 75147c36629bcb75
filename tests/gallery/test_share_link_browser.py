from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from gallery.services import showcase_create_from_items, showcase_revoke

from .factories import make_batch, make_items

pytestmark = pytest.mark.browser


@pytest.fixture
def showcase(live_server, team, alice):
    items = make_items(make_batch(team), 3)
    return showcase_create_from_items(team=team, user=alice, title="For the buyers", items=items)


def test_it_opens_a_share_link_logged_out(page, showcase):
    page.goto(reverse("gallery:public_showcase", kwargs={"token": showcase.token}))
    expect(page.get_by_role("heading", name="For the buyers")).to_be_visible()
    expect(page.locator("a[data-viewer-item]")).to_have_count(3)
    page.locator("a[data-viewer-item]").nth(1).click()
    expect(page.locator(".viewer-count")).to_have_text("2 / 3")
    image = page.locator(".viewer-img-a")
    assert image.get_attribute("src").startswith(f"/s/{showcase.token}/images/")
    page.wait_for_function("document.querySelector('.viewer-img-a').naturalWidth > 0")
    expect(page.get_by_role("button", name="Star", exact=True)).to_have_count(0)
    assert "alice@example.com" not in page.content()


def test_it_answers_404_for_a_revoked_link(page, showcase):
    url = reverse("gallery:public_showcase", kwargs={"token": showcase.token})
    showcase_revoke(showcase=showcase)
    response = page.goto(url)
    assert response.status == 404
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()


def test_it_answers_404_for_an_expired_link(page, showcase):
    showcase.expires_at = timezone.now() - timedelta(minutes=1)
    showcase.save(update_fields=["expires_at"])
    response = page.goto(reverse("gallery:public_showcase", kwargs={"token": showcase.token}))
    assert response.status == 404


def test_it_features_the_showcase_on_the_front_page(page, showcase):
    page.goto("/")
    expect(page.get_by_role("heading", name="For the buyers")).to_be_visible()
    expect(page.get_by_role("heading", name="Background removal")).to_be_visible()
    page.locator("a[data-viewer-item]").first.click()
    expect(page.locator(".viewer-count")).to_have_text("1 / 3")
