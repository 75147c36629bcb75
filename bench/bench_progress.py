"""Benchmark: the batch page's progress fragment for a 100-item batch.

Builds its own throwaway SQLite database under var/bench/, with one running batch
of 100 items (4 stage images each, some failed with an error), then renders the
htmx fragment through Django's test client N times and prints the median server
time and the size of the fragment, then the same for a poll that finds nothing
new (answered 304 by ETag):

    .venv/bin/python -m bench.bench_progress [N]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB = BENCH_DIR / "progress.sqlite3"
ITEMS = 100
STAGES = ["original", "tag_removal", "background_removal", "result"]


def setup_django() -> None:
    shutil.rmtree(BENCH_DIR / "media", ignore_errors=True)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    os.environ["TESTING"] = "1"  # test-safe settings: no dev.env, no real keys needed
    os.environ["TEST_ISOLATION"] = "bench"
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "showcase.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)


def make_batch():
    from django.contrib.auth import get_user_model

    from batches.models import Batch, BatchStatus, Item, ItemStatus, Job, StageImage
    from connections.models import Connection
    from teams.services import team_create

    user = get_user_model().objects.create_user(email="bench@example.com", password="x" * 12)
    team = team_create(name="Bench", owner=user)
    key = "rf_test_bench000000abcd"
    connection = Connection.objects.create(
        team=team,
        label="Bench",
        environment="sandbox",
        api_key=key,
        key_prefix=key[:8],
        key_last4=key[-4:],
        base_url="http://127.0.0.1:9",
    )
    job = Job.objects.create(team=team, connection=connection, title="Bench", created_by=user)
    batch = Batch.objects.create(
        team=team,
        job=job,
        connection=connection,
        runflow_id="rf-bench",
        status=BatchStatus.RUNNING,
        items_total=ITEMS,
        items_succeeded=60,
        items_failed=10,
    )
    items = Item.objects.bulk_create(
        Item(
            team=team,
            batch=batch,
            sequence_index=n,
            client_ref=f"sku-{n:05}",
            image_url=f"https://cdn.example.com/products/{n}.jpg",
            config={"elements": ["tag_removal", "background_removal"]},
            status=ItemStatus.SUCCEEDED
            if n < 60
            else ItemStatus.FAILED
            if n < 70
            else ItemStatus.RUNNING,
            error_message="The image could not be fetched (HTTP 404)." if 60 <= n < 70 else "",
        )
        for n in range(ITEMS)
    )
    StageImage.objects.bulk_create(
        StageImage(
            team=team,
            item=item,
            position=p,
            stage=stage,
            source_url=f"https://cdn.example.com/out/{stage}_{item.sequence_index}.webp",
            file=f"stages/{team.pk}/{item.pk}/{p}_{stage}.webp",
            thumbnail=f"stages/{team.pk}/{item.pk}/{p}_{stage}_thumb.webp",
            width=1200,
            height=1500,
            thumb_width=384,
            thumb_height=480,
        )
        for item in items[:60]
        for p, stage in enumerate(STAGES)
    )
    return user, batch


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    user, batch = make_batch()
    client = Client()
    client.force_login(user)
    url = reverse("batches:detail", args=[batch.pk])
    headers = {"HX-Request": "true"}
    for _ in range(5):  # warm the template cache and the session's current team
        client.get(url, headers=headers)
    # Django empties connection.queries when a request starts, so read it right after one.
    connection.force_debug_cursor = True
    response = client.get(url, headers=headers)
    queries = len(connection.queries)
    connection.force_debug_cursor = False
    assert response.status_code == 200, response.status_code
    assert 'hx-trigger="every 2s"' in response.content.decode()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
    etag = response["ETag"]
    unchanged = []
    for _ in range(runs):
        start = time.perf_counter()
        again = client.get(url, headers={**headers, "If-None-Match": etag})
        unchanged.append((time.perf_counter() - start) * 1000)
    assert again.status_code == 304, again.status_code
    print(f"progress_fragment_ms_p50: {statistics.median(times):.1f}")
    print(f"progress_fragment_bytes: {len(response.content)}")
    print(f"progress_fragment_queries: {queries}")
    print(f"progress_fragment_items: {ITEMS}")
    # A poll that finds nothing new: answered 304 from the fingerprint, nothing rendered.
    print(f"progress_fragment_unchanged_ms_p50: {statistics.median(unchanged):.1f}")
    print(f"progress_fragment_unchanged_bytes: {len(again.content)}")


if __name__ == "__main__":
    main()
