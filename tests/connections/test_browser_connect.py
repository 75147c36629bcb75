"""alice connects a sandbox key in the real browser and copies its webhook URL."""

import pytest

pytestmark = pytest.mark.browser


def test_it_connects_a_key_and_copies_the_webhook_url(login_page, alice, sandbox_key, live_server):
    from connections.models import Connection

    page = login_page(alice)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto("/keys/")
    page.get_by_label("Label").fill("Sandbox")
    page.get_by_label("API key").fill(sandbox_key)
    page.get_by_role("button", name="Connect key").click()

    connection = Connection.objects.get()
    page.get_by_text(f"Connected {connection.masked_key}.").wait_for()
    assert sandbox_key not in page.content()
    button = page.get_by_role("button", name="Copy the webhook URL of Sandbox")
    button.click()
    page.wait_for_function("document.querySelector('[data-copy]').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == connection.webhook_url
