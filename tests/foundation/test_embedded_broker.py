from __future__ import annotations

import json
import os
from pathlib import Path

from kombu import Connection

from showcase import broker


def _channel(tmp_path):
    conn = Connection(
        "filesystem://",
        transport=broker.Transport,
        transport_options={"data_folder_in": str(tmp_path), "data_folder_out": str(tmp_path)},
    )
    return conn, conn.default_channel


def test_it_never_shows_a_reader_a_message_file_before_it_is_whole(tmp_path, monkeypatch):
    conn, channel = _channel(tmp_path)
    seen_at_rename = []
    real_replace = os.replace

    def spy(src, dst):
        # At the moment the message gets its readable name, its content is complete.
        seen_at_rename.append((os.path.exists(dst), json.loads(Path(src).read_bytes())))
        real_replace(src, dst)

    monkeypatch.setattr(broker.os, "replace", spy)
    channel._put("celery", {"body": "x" * 100_000})
    assert seen_at_rename == [(False, {"body": "x" * 100_000})]
    assert [p.suffix for p in tmp_path.iterdir()] == [".msg"]
    assert channel._get("celery") == {"body": "x" * 100_000}
    conn.release()


def test_it_ignores_files_still_being_written(tmp_path):
    conn, channel = _channel(tmp_path)
    (tmp_path / "tmp-123.partial").write_bytes(b"")  # a write in progress
    channel._put("celery", {"n": 1})
    assert channel._get("celery") == {"n": 1}
    assert (tmp_path / "tmp-123.partial").exists()
    conn.release()
