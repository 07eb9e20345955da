"""A local preview of output/: a plain HTTP server on 127.0.0.1 only."""

from __future__ import annotations

import functools
import mimetypes
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

mimetypes.add_type("text/vtt", ".vtt")
mimetypes.add_type("application/epub+zip", ".epub")
mimetypes.add_type("application/json", ".json")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def make_server(output_dir: Path, *, port: int = 8000, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A server for `output_dir`; port 0 picks a free port (see server.server_address)."""
    handler = functools.partial(_QuietHandler, directory=str(output_dir))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
