"""Gallery benchmark: page weight before any scroll, and the viewer's next-item time.

Runs on its own: a throwaway SQLite under var/bench/, 100 items with generated
images, the site served on a free loopback port, measured in Chromium through
Playwright. Prints `gallery_initial_kb: N` and `viewer_next_ms: N`, then cleans up.

    .venv/bin/python -m bench.bench_gallery [--items 100] [--screenshots DIR] [--keep]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench import support
from tests import chromium

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "var" / "bench"
PRESSES = 12


def _env() -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "showcase.settings",
        "DATABASE_URL": f"sqlite:///{BENCH / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(BENCH / "media"),
        "DEBUG": "1",
        "SANDBOX_ENABLED": "0",
        "SHOWCASE_ENV_FILE": str(BENCH / "none.env"),
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "LOG_LEVEL": "WARNING",
    }


# --- data -------------------------------------------------------------------------


def _photo(index: int, size: tuple[int, int], *, cutout: bool, stage: int):
    """A product-like picture: a soft backdrop, a garment shape, a tag, some grain."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    rng = np.random.default_rng(index * 10 + stage)
    w, h = size
    hue = [(196, 92, 72), (64, 120, 170), (88, 150, 96), (210, 168, 60), (140, 100, 160)][index % 5]
    y = np.linspace(0, 1, h)[:, None, None]
    backdrop = (np.array([236, 234, 230]) * (1 - 0.12 * y)).astype(np.float32)
    canvas = np.broadcast_to(backdrop, (h, w, 3)).copy()
    if cutout:
        canvas[:] = 0
    image = Image.fromarray(canvas.clip(0, 255).astype("uint8"), "RGB").convert("RGBA")
    if cutout:
        image.putalpha(0)
    draw = ImageDraw.Draw(image)
    body = [
        (w * 0.3, h * 0.2),
        (w * 0.7, h * 0.2),
        (w * 0.85, h * 0.35),
        (w * 0.75, h * 0.42),
        (w * 0.72, h * 0.85),
        (w * 0.28, h * 0.85),
        (w * 0.25, h * 0.42),
        (w * 0.15, h * 0.35),
    ]
    draw.polygon(body, fill=(*hue, 255))
    draw.ellipse(
        (w * 0.42, h * 0.16, w * 0.58, h * 0.26), fill=(236, 234, 230, 0 if cutout else 255)
    )
    if stage == 0:
        draw.rectangle((w * 0.6, h * 0.3, w * 0.68, h * 0.4), fill=(250, 250, 250, 255))
    # Photo-like detail (fabric weave, sensor grain) so that files weigh what photos do.
    yy, xx = np.mgrid[0:h, 0:w]
    weave = 9 * np.sin(xx / 2.3) * np.sin(yy / 2.9) + 6 * np.sin((xx + yy) / 11.0)
    grain = rng.normal(0, 9, (h, w)) + weave
    pixels = np.asarray(image).astype(np.float32)
    pixels[..., :3] += grain[..., None]
    image = Image.fromarray(pixels.clip(0, 255).astype("uint8"), "RGBA").filter(
        ImageFilter.GaussianBlur(0.4)
    )
    return image if cutout else image.convert("RGB")


def _encode(image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def setup_data(count: int) -> dict:
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User
    from batches.models import Batch, BatchStatus, Item, ItemStatus, Job, StageImage
    from batches.stages import Stage
    from connections.models import Connection, Environment
    from gallery.services import showcase_create_from_items
    from teams.services import team_create

    call_command("migrate", verbosity=0)
    user = User.objects.create_user(email="bench@example.com", password="correct horse battery")
    team = team_create(name="Bench team", owner=user)
    connection = Connection.objects.create(
        team=team,
        label="Sandbox",
        environment=Environment.SANDBOX,
        api_key="rf_test_bench",
        key_prefix="rf_test_",
        key_last4="ench",
        base_url="http://127.0.0.1:9/sandbox",
    )
    job = Job.objects.create(team=team, connection=connection, title="Spring drop")
    batch = Batch.objects.create(
        team=team,
        job=job,
        connection=connection,
        status=BatchStatus.PARTIAL_SUCCEEDED,
        items_total=count,
    )
    size = (960, 1200)
    plan = [
        (Stage.ORIGINAL, False),
        (Stage.TAG_REMOVAL, False),
        (Stage.BACKGROUND_REMOVAL, True),
        (Stage.RESULT, True),
    ]
    items = []
    encoded: dict[tuple[int, int], tuple[bytes, bytes, tuple[int, int]]] = {}
    for index in range(count):
        failed = index % 25 == 7
        item = Item.objects.create(
            team=team,
            batch=batch,
            sequence_index=index,
            client_ref=f"sku-{1000 + index}",
            image_url=f"https://cdn.example.com/{index}.jpg",
            config={"elements": ["tag_removal", "background_removal"]},
            status=ItemStatus.FAILED if failed else ItemStatus.SUCCEEDED,
            error_kind="upstream_failed" if failed else "",
            error_message="The source image could not be fetched (HTTP 404)." if failed else "",
        )
        items.append(item)
        for position, (stage, cutout) in enumerate(plan[:1] if failed else plan):
            key = (index % 5, position)  # five looks, each encoded once
            if key not in encoded:
                picture = _photo(index, size, cutout=cutout, stage=position)
                fmt = "JPEG" if position == 0 else "WEBP"
                thumb_image = picture.copy()
                thumb_image.thumbnail((480, 480))
                encoded[key] = (
                    _encode(picture, fmt, quality=85),
                    _encode(thumb_image, "WEBP", quality=80),
                    thumb_image.size,
                )
            full, thumb, thumb_size = encoded[key]
            row = StageImage(
                team=team,
                item=item,
                position=position,
                stage=stage,
                source_url=f"https://cdn.example.com/{index}/{stage}.webp",
                content_type="image/jpeg" if position == 0 else "image/webp",
                bytes=len(full),
                width=size[0],
                height=size[1],
                thumb_width=thumb_size[0],
                thumb_height=thumb_size[1],
                has_alpha=cutout,
            )
            ext = "jpg" if position == 0 else "webp"
            row.file.save(f"{position}-{stage}.{ext}", ContentFile(full), save=False)
            row.thumbnail.save(f"{position}-{stage}-thumb.webp", ContentFile(thumb), save=False)
            row.save()
    good = [i for i in items if i.status == ItemStatus.SUCCEEDED][:12]
    showcase = showcase_create_from_items(
        team=team,
        user=user,
        title="Spring drop: before and after",
        items=good,
        description="Tag removal and background removal on the spring collection.",
    )
    client = Client()
    client.force_login(user)
    return {
        "session": client.cookies["sessionid"].value,
        "batch": str(batch.pk),
        "item": str(items[3].pk),
        "token": showcase.token,
        "showcase": str(showcase.pk),
    }


# --- server -----------------------------------------------------------------------


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, **_env()}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        support.wait_up(f"http://127.0.0.1:{port}/guide/", [server], timeout=30)
    except RuntimeError:
        support.stop([server])
        raise
    return server


# --- measures ---------------------------------------------------------------------

# From the keydown to the end of the first frame painted with the next item's image:
# a setTimeout queued from inside a requestAnimationFrame callback runs once that
# frame has been painted.
NEXT_PROBE = """
window.__bench = { samples: [] };
document.addEventListener("keydown", (event) => {
  if (event.key !== "ArrowRight") return;
  const t0 = performance.now();
  const img = document.querySelector(".viewer-img-a");
  const before = img.getAttribute("src");
  const record = () => {
    const src = img.getAttribute("src");
    window.__bench.samples.push({ ms: performance.now() - t0, full: src.includes("/full/") });
  };
  const check = (inFrame) => {
    const ready = img.getAttribute("src") !== before && img.complete && img.naturalWidth > 0;
    if (ready && inFrame) setTimeout(record, 0);
    else if (ready) requestAnimationFrame(() => setTimeout(record, 0));
    else if (performance.now() - t0 < 5000) requestAnimationFrame(() => check(true));
  };
  check(false);
}, true);
"""


def measure(base: str, data: dict, browser) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=base)
    context.add_cookies([{"name": "sessionid", "value": data["session"], "url": base}])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    transferred = {"bytes": 0, "requests": 0}

    def finished(event):
        transferred["bytes"] += event.get("encodedDataLength", 0)
        transferred["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    page.goto(f"/gallery/batch/{data['batch']}/", wait_until="networkidle")
    page.wait_for_timeout(500)
    initial_kb = transferred["bytes"] / 1024
    requests = transferred["requests"]
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})

    page.evaluate(NEXT_PROBE)
    page.locator("a[data-viewer-item]").first.click()
    page.locator("dialog.viewer[open] .viewer-img-a[src*='/full/']").wait_for()
    page.wait_for_timeout(600)
    for _ in range(PRESSES):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(450)  # a person's pace: the neighbours preload meanwhile
    samples = page.evaluate("window.__bench.samples")
    context.close()
    times = [s["ms"] for s in samples]
    return {
        "gallery_initial_kb": round(initial_kb),
        "gallery_initial_requests": requests,
        "viewer_next_ms": round(statistics.median(times)) if times else -1,
        "viewer_next_max_ms": round(max(times)) if times else -1,
        "viewer_next_full": sum(s["full"] for s in samples),
        "viewer_next_samples": len(samples),
    }


def screenshots(base: str, data: dict, browser, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    pages = [
        ("home", "/", False),
        ("gallery", f"/gallery/batch/{data['batch']}/", True),
        ("item", f"/gallery/items/{data['item']}/", True),
        ("showcases", "/showcases/", True),
        ("showcase", f"/showcases/{data['showcase']}/", True),
        ("public", f"/s/{data['token']}/", False),
        ("guide", "/guide/batches/", True),
    ]
    for scheme in ("light", "dark"):
        for width, height in ((1280, 800), (390, 844)):
            context = browser.new_context(
                viewport={"width": width, "height": height}, base_url=base, color_scheme=scheme
            )
            page = context.new_page()
            for name, url, logged_in in pages:
                if logged_in:
                    context.add_cookies(
                        [{"name": "sessionid", "value": data["session"], "url": base}]
                    )
                else:
                    context.clear_cookies()
                page.goto(url, wait_until="networkidle")
                if name == "item":
                    page.locator("dialog.viewer[open]").wait_for()
                    page.wait_for_timeout(400)
                page.screenshot(path=str(folder / f"{name}-{width}-{scheme}.png"))
            context.add_cookies([{"name": "sessionid", "value": data["session"], "url": base}])
            page.goto(f"/gallery/batch/{data['batch']}/", wait_until="networkidle")
            page.locator("a[data-viewer-item]").first.click()
            page.wait_for_timeout(500)
            page.screenshot(path=str(folder / f"viewer-{width}-{scheme}.png"))
            page.keyboard.press("c")
            page.wait_for_timeout(400)
            page.screenshot(path=str(folder / f"compare-{width}-{scheme}.png"))
            context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--screenshots", type=Path)
    parser.add_argument("--keep", action="store_true", help="leave var/bench/ in place")
    args = parser.parse_args()

    shutil.rmtree(BENCH, ignore_errors=True)
    BENCH.mkdir(parents=True)
    os.environ.update(_env())
    data = setup_data(args.items)
    port = support.free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = chromium.launch(pw)
            result = measure(base, data, browser)
            if args.screenshots:
                screenshots(base, data, browser, args.screenshots)
            browser.close()
    finally:
        support.stop([server], timeout=10)
        if not args.keep:
            shutil.rmtree(BENCH, ignore_errors=True)
    print(f"gallery_initial_kb: {result['gallery_initial_kb']}")
    print(f"viewer_next_ms: {result['viewer_next_ms']}")
    print(
        f"# {result['gallery_initial_requests']} requests before scrolling; next item: "
        f"max {result['viewer_next_max_ms']} ms, {result['viewer_next_full']}/"
        f"{result['viewer_next_samples']} shown at full resolution",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
