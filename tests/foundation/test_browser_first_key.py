"""Issue 2's walk-through in real Chromium.

Sign up, create a team, add a key, see it masked, log out.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from connections.models import Connection

pytestmark = pytest.mark.browser


def test_it_signs_up_creates_a_team_connects_a_key_and_logs_out(page, sandbox_key):
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("dana@example.com")
    page.get_by_label("Password", exact=True).fill("a long enough passphrase 42")
    page.get_by_label("Password (again)").fill("a long enough passphrase 42")
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/teams/$"))

    page.goto("/teams/create/")
    page.get_by_label("Team name").fill("Spring catalogue")
    page.get_by_role("button", name="Create team").click()
    expect(page.get_by_text("You created Spring catalogue")).to_be_visible()

    page.goto("/keys/")
    page.get_by_label("Label").fill("Sandbox")
    page.get_by_label("API key").fill(sandbox_key)
    page.get_by_role("button", name="Connect key").click()

    masked = f"rf_test_…{sandbox_key[-4:]}"
    row = page.get_by_role("row").filter(has=page.get_by_text(masked, exact=True))
    expect(row).to_be_visible()
    expect(row.get_by_text("Sandbox", exact=True).first).to_be_visible()  # environment badge
    expect(row.get_by_text("dana@example.com")).to_be_visible()  # who added it
    assert sandbox_key not in page.content()
    connection = Connection.objects.get(team__name="Spring catalogue")
    assert connection.api_key == sandbox_key and connection.secrets.count() == 1

    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    page.goto("/keys/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
