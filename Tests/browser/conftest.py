"""Builds the site once into a temporary folder, serves it on 127.0.0.1, and drives Debian's
headless Chromium against it. Every test gets the same browser, reset to a 1280 px light screen
with a mouse and no touch, and with the console log drained."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from support import REPO, TEST_OUTPUT, park_mouse, reset_emulation

SITEGEN = REPO / os.environ.get("SITEGEN", ".build/debug/sitegen")  # absolute paths stay as they are
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The publication in Content/, built by the real binary into a folder of its own."""
    if not SITEGEN.is_file():
        pytest.fail(f"{SITEGEN} is missing: run `swift build --product sitegen` (make test does)")
    out = tmp_path_factory.mktemp("site") / "Public"  # sitegen makes the folder itself
    run = subprocess.run(
        [str(SITEGEN), "build", "--content", str(REPO / "Content"), "--output", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
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


@pytest.fixture(scope="session")
def base_url(site_dir):
    """http://127.0.0.1:<free port>, serving the built site until the session ends."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SiteRequestHandler, directory=str(site_dir))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def chrome():
    """One headless Chromium for the whole session (starting one costs about two seconds)."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).is_file():
            pytest.fail(f"{path} is missing: run `scripts/install-deps --test` (make test does)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--force-device-scale-factor=1",
        "--hide-scrollbars",
        "--lang=en",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture
def browser(chrome):
    """The shared browser on a blank page, back to a light 1280 px screen, mouse, no touch."""
    _reset(chrome)
    yield chrome
    _reset(chrome)


def _reset(driver) -> None:
    driver.get("about:blank")
    reset_emulation(driver)
    park_mouse(driver)
    driver.get_log("browser")  # drain: each test sees only its own console messages


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """test-output/ in the repository (ignored by git): screenshots and reports to look at."""
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT


@pytest.fixture(scope="session")
def screenshots_dir(output_dir) -> Path:
    path = output_dir / "screenshots"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def pytest_sessionfinish(session, exitstatus):
    """A run that collected nothing or skipped something has not proven anything: fail it."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    stats = reporter.stats if reporter else {}
    passed = len([r for r in stats.get("passed", []) if getattr(r, "when", "call") == "call"])
    skipped = len(stats.get("skipped", []))
    if exitstatus == 0 and (passed == 0 or skipped):
        reason = "no test passed" if passed == 0 else f"{skipped} test(s) skipped"
        if reporter:
            reporter.write_line(f"browser suite: failing the run because {reason}", red=True)
        session.exitstatus = 1
