"""How Chromium starts on our machines: Debian's build, never Playwright's download.

Without the background-networking flags Chromium keeps dialling Google's hosts, which
this closed network refuses. Shared by the browser fixtures and the gallery bench.
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def launch(playwright):
    """A headless Chromium from a started Playwright (`sync_playwright().start()` or `with`)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
