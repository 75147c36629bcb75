from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_signs_up_creates_and_switches_teams_and_logs_out(page):
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("dana@example.com")
    page.get_by_label("Password", exact=True).fill("a long new passphrase")
    page.get_by_label("Password (again)").fill("a long new passphrase")
    page.get_by_role("button", name="Sign up").click()

    expect(page).to_have_url(re.compile(r"/teams/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("dana's team")
    expect(page.get_by_role("link", name="Connect a key")).to_be_visible()

    page.get_by_label(re.compile("Switch team")).click()
    page.get_by_role("link", name="New team…").click()
    page.get_by_label("Team name").fill("Catalogue")
    page.get_by_role("button", name="Create team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Catalogue")
    expect(page.get_by_text("You created Catalogue.")).to_be_visible()

    page.get_by_label(re.compile("Switch team")).click()
    page.get_by_role("button", name="dana's team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("dana's team")
    expect(page.get_by_text("You are now working in dana's team.")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    page.goto("/teams/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
