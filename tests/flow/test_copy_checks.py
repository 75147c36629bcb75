"""Copying refuses what is not an image, what is too big, and hosts it was not given."""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

from batches.copying import item_copy
from batches.models import Item

from .conftest import make_batch, make_connection


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (900, 600), (10, 20, 30, 128)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def files():
    """A local file server (127.0.0.1, the tests' configured sandbox host)."""
    content = {"/photo.png": _png(), "/result_00001_.webp": b"<html>not an image</html>"}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = content.get(self.path.split("?")[0])
            self.send_response(200 if body else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _item(team, base):
    item = make_batch(make_connection(team), items=1).items.get()
    item.image_url = f"{base}/photo.png"
    item.status = "succeeded"
    item.save()
    return Item.objects.select_related("batch__connection").get(pk=item.pk)


def test_it_keeps_the_original_and_refuses_a_result_that_is_not_an_image(team, files):
    item = _item(team, files)
    item.output_urls = [
        f"{files}/result_00001_.webp",
        "https://elsewhere.example/bg_remover_1.webp",
    ]

    assert item_copy(item=item) == 1

    original = item.stages.get()
    assert (original.position, original.stage, original.width, original.height) == (
        0,
        "original",
        900,
        600,
    )
    assert original.has_alpha and (original.thumb_width, original.thumb_height) == (480, 320)
    error = Item.objects.get(pk=item.pk).copy_error
    assert "image 1: it is not an image we can read" in error
    assert "image 2: images are not copied from elsewhere.example" in error


def test_it_refuses_an_image_over_the_size_cap(team, files, settings):
    settings.RUNFLOW_COPY_MAX_BYTES = 1000
    item = _item(team, files)

    assert item_copy(item=item) == 0
    assert "larger than" in Item.objects.get(pk=item.pk).copy_error
