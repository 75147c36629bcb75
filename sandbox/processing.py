"""One run's work: fetch, check, process, store, then the terminal state change."""

from __future__ import annotations

import logging
import re
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from . import http, pipeline, services
from .selectors import run_dir
from .validation import ordered_elements

log = logging.getLogger(__name__)

# The documented failure trigger (see README): an image_url containing it fails the item.
FAIL_TRIGGER = "sandbox_fail"
# And a slow item: `sandbox_delay=<seconds>` in its image_url keeps it running that long
# (at most MAX_DELAY_S), so demos and tests can watch a batch part-way, deterministically.
DELAY_TRIGGER = re.compile(r"sandbox_delay=(\d+(?:\.\d+)?)")
MAX_DELAY_S = 30.0


def run_execute(*, run_id) -> None:
    run = services.run_start(run_id=run_id)
    if run is None:  # cancelled before it started, or already handled
        return
    url = run.input["image_url"]
    if delay := DELAY_TRIGGER.search(url):
        time.sleep(min(float(delay.group(1)), MAX_DELAY_S))
    try:
        if FAIL_TRIGGER in url:
            raise http.FetchError(f"upstream model failed on this image ({FAIL_TRIGGER} trigger)")
        data = http.fetch_image(url)
        files = pipeline.process(data, ordered_elements(run.input), run.input["config"])
    except (http.FetchError, pipeline.DecodeError) as exc:
        services.run_fail(run=run, kind="upstream_failed", message=str(exc))
        return
    except Exception:
        log.exception("sandbox run %s failed in processing", run.id)
        services.run_fail(
            run=run, kind="upstream_failed", message="processing failed on this image"
        )
        return
    folder = run_dir(run)
    names = []
    for name, content in files:
        path = f"{folder}/{name}"
        if default_storage.exists(path):  # a redelivered task rewrites, it never forks a copy
            default_storage.delete(path)
        default_storage.save(path, ContentFile(content))
        names.append(name)
    services.run_succeed(run=run, outputs=names)
