"""Builds the site once into a temporary folder, serves it on 127.0.0.1, and drives Debian's
headless Chromium against it. Every test gets the same browser, reset to a 1280 px light screen
with a mouse and no touch, and with the console log drained."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from sites import build_site, serve
from support import REPO, TEST_OUTPUT, park_mouse, reset_emulation

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The publication in Content/, built by the real binary into a folder of its own."""
    return build_site(REPO / "Content", tmp_path_factory.mktemp("site") / "Public")


@pytest.fixture(scope="session")
def base_url(site_dir):
    """The built publication, served for the whole session."""
    with serve(site_dir) as url:
        yield url


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
