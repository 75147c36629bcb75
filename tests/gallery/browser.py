"""Helpers for the gallery's browser tests."""

from __future__ import annotations

from django.test import Client


def log_in(page, live_server, user) -> None:
    """Log a user in by session cookie (the login form has its own tests)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def counter(page) -> str:
    return page.locator("dialog.viewer .viewer-count").inner_text()


def focused_item(page) -> str | None:
    return page.evaluate("document.activeElement?.dataset?.viewerItem ?? null")
