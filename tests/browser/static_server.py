"""A tiny threaded static server on 127.0.0.1 for the browser tests.

It serves one folder (the LMS wrapper, scorm-again and the unzipped packages) and nothing else:
the tests abort every request that is not for this server, so a package that reaches outside
fails them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["serve"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Chromium may cache the runtime between relaunches; tests must see the files as they are now.
    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free port of 127.0.0.1; yields the base URL (ending with ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="browser-tests-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
