"""The site under test: built by the real sitegen binary and served on 127.0.0.1 as a static host
would serve it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import threading
from pathlib import Path

import pytest

from support import REPO

SITEGEN = REPO / os.environ.get("SITEGEN", ".build/debug/sitegen")  # absolute paths stay as they are


def build_site(content: Path, out: Path) -> Path:
    """Builds `content` with the real binary into `out` (which sitegen makes itself)."""
    if not SITEGEN.is_file():
        pytest.fail(f"{SITEGEN} is missing: run `swift build --product sitegen` (make test does)")
    run = subprocess.run(
        [str(SITEGEN), "build", "--content", str(content), "--output", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if run.returncode != 0:
        pytest.fail(f"sitegen build exited {run.returncode}:\n{run.stderr}")
    return out


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; any unknown path gets the site's 404 page with status 404, as a host would."""

    def log_message(self, format, *args):  # quiet: pytest shows failures, not every request
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path):
    """http://127.0.0.1:<free port>, serving `directory` until the block ends."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SiteRequestHandler, directory=str(directory))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
