"""Fixtures every test can use.

Named users, as in healthchecks: alice owns the team, bob is her teammate (member),
charlie is an outsider with a team of his own.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time

import pytest

from tests import chromium

# Playwright's sync API runs an event loop in the test thread; Django's ORM must
# still be usable from that thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def make_user(django_user_model):
    def make(email: str, password: str = "correct horse battery", **extra):
        return django_user_model.objects.create_user(email=email, password=password, **extra)

    return make


@pytest.fixture
def team(alice):
    return alice.memberships.get().team


@pytest.fixture
def alice(make_user):
    from teams.services import team_create

    user = make_user("alice@example.com", first_name="Alice")
    team_create(name="Alice's team", owner=user)
    return user


@pytest.fixture
def bob(make_user, team):
    from teams.models import Membership, Role

    user = make_user("bob@example.com", first_name="Bob")
    Membership.objects.create(team=team, user=user, role=Role.MEMBER)
    return user


@pytest.fixture
def charlie(make_user):
    from teams.services import team_create

    user = make_user("charlie@example.com", first_name="Charlie")
    team_create(name="Charlie's team", owner=user)
    return user


@pytest.fixture
def charlie_team(charlie):
    return charlie.memberships.get().team


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


@pytest.fixture
def charlie_client(client, charlie):
    client.force_login(charlie)
    return client


class _InFlight:
    """Counts requests the live server is still answering (it runs in this process)."""

    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    def started(self, **kwargs):
        with self.lock:
            self.count += 1

    def finished(self, **kwargs):
        with self.lock:
            self.count -= 1

    def wait_idle(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while self.count > 0 and time.monotonic() < deadline:
            time.sleep(0.02)


# --- a real Celery worker ------------------------------------------------------


@pytest.fixture(scope="session")
def _celery_worker_session(django_db_blocker):
    """One real worker for the session, consuming from the configured broker
    (Redis in CI, the filesystem broker locally), in threads of this process so it
    shares the test database."""
    from celery.contrib.testing.worker import start_worker

    from showcase.celery import app

    app.conf.task_always_eager = False
    # batches flow: the worker's start runs Django's model checks, which open the
    # database, so it starts while the blocker is lifted (only for the start).
    stack = contextlib.ExitStack()
    with django_db_blocker.unblock():
        app.control.purge()
        stack.enter_context(
            start_worker(
                app,
                pool="threads",
                concurrency=4,
                perform_ping_check=False,
                loglevel="WARNING",
                shutdown_timeout=20,
            )
        )
    with stack:
        yield app


@pytest.fixture
def celery_worker(_celery_worker_session, transactional_db):
    """Use with tests that need enqueued work done: the database is transactional so
    the worker's threads see what the test commits. On teardown, wait for running tasks
    to end and drop what is still queued, so no task of this test touches the next."""
    from celery.signals import task_postrun, task_prerun

    running = _InFlight()
    task_prerun.connect(running.started, weak=False)
    task_postrun.connect(running.finished, weak=False)
    yield _celery_worker_session
    running.wait_idle(timeout=20)
    _celery_worker_session.control.purge()
    task_prerun.disconnect(running.started)
    task_postrun.disconnect(running.finished)


# --- a real browser ------------------------------------------------------------


@pytest.fixture(scope="session")
def _chromium():
    required = os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true"
    path = chromium.CHROMIUM
    if not (os.path.exists(path) or shutil.which("chromium")):
        if required:
            pytest.fail(f"Chromium is required here (CI) but {path} is not installed.")
        pytest.skip(f"browser tests skipped: no Chromium at {path} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = chromium.launch(pw)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(_chromium, live_server):
    """Make browser contexts; on teardown close them and wait until the live server has
    answered every request they made, so the database flush that follows never races a
    request still in flight (on PostgreSQL that race deadlocks the TRUNCATE)."""
    from django.core.signals import request_finished, request_started

    in_flight = _InFlight()
    request_started.connect(in_flight.started, weak=False)
    request_finished.connect(in_flight.finished, weak=False)
    contexts = []

    def make(**options):
        options.setdefault("base_url", live_server.url)
        context = _chromium.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    in_flight.wait_idle()
    request_started.disconnect(in_flight.started)
    request_finished.disconnect(in_flight.finished)


@pytest.fixture
def page(browser_context):
    return browser_context(viewport={"width": 1280, "height": 800}).new_page()


@pytest.fixture
def login_page(page, live_server):
    """Log a user in through the real login form and return the page."""

    def login(user, password: str = "correct horse battery"):
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        return page

    return login


# --- sandbox -------------------------------------------------------------------


@pytest.fixture
def sandbox_key(live_server, settings, transactional_db):
    """A sandbox account with 50 credits on the live server; its raw `rf_test_…` key."""
    from sandbox.services import account_create

    settings.SANDBOX_BASE = live_server.url + "/sandbox"
    settings.SITE_URL = live_server.url
    _, raw = account_create(credits=50, label="test")
    return raw


@pytest.fixture
def sample_image_urls(live_server):
    """Absolute URLs of the sample photos, served by the live server under /static/."""
    from pathlib import Path

    folder = Path(__file__).resolve().parent / "static" / "samples"
    return [f"{live_server.url}/static/samples/{p.name}" for p in sorted(folder.glob("*.jpg"))]


# --- end sandbox

# --- batches flow --------------------------------------------------------------


@pytest.fixture
def connection(team, alice, sandbox_key):
    """alice's team connected to the sandbox through the real connect path."""
    from connections.services import connection_create

    return connection_create(team=team, user=alice, label="Sandbox", api_key=sandbox_key)


# --- end batches flow
