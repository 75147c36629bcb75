"""The embedded broker of `make run`: kombu's filesystem transport, made safe to share.

Kombu creates a message file and then writes into it; a worker listing the folder in
between can take the empty file and die on it (seen here: JSONDecodeError, the worker
stopped). This transport writes each message under a temporary name and renames it into
place, which is atomic on POSIX, so a reader only ever sees whole messages.
"""

from __future__ import annotations

import os
import uuid
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        # The reader only takes names ending ".<queue>.msg"; this one ends ".partial".
        partial = os.path.join(self.data_folder_out, f"tmp-{uuid.uuid4()}.partial")
        try:
            with open(partial, "wb", buffering=0) as f:
                f.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
