"""Hostile content never runs: the injection cases of Tests/EndToEndTests/BadInput, built into one
site, loaded page by page in Chromium with a canary (window.__pwned) that no payload may set."""

import shutil
import subprocess

import pytest
from selenium.webdriver.common.by import By

from sites import SITEGEN, serve
from support import REPO

CASES = REPO / "Tests" / "EndToEndTests" / "BadInput"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    content = root / "Content"
    content.mkdir()
    (content / "site.yml").write_text("title: Hostile\nbase_url: http://127.0.0.1/\n")
    for case in sorted(CASES.glob("inj-*")):
        if case.name == "inj-site-yml-title":
            continue
        shutil.copytree(case / "Content", content, dirs_exist_ok=True)
    # Build even with errors: `check` reports them; the pages are what matters here.
    run = subprocess.run([str(SITEGEN), "build", "--output", str(root / "Public")], cwd=root,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode in (0, 1), run.stderr
    if run.returncode == 1:
        pytest.fail("the injection cases must build without errors:\n" + run.stderr)
    with serve(root / "Public") as url:
        yield url, sorted(
            "/" + str(p.relative_to(root / "Public")).removesuffix("index.html")
            for p in (root / "Public").rglob("*.html"))


def test_no_payload_runs_on_any_page(browser, hostile_url):
    base, pages = hostile_url
    assert len(pages) > 20
    fired = []
    for page in pages:
        browser.get(base + page)
        # Give handlers a chance: hover and focus every link, as a reader would.
        for link in browser.find_elements(By.CSS_SELECTOR, "a, img")[:40]:
            browser.execute_script(
                "arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));"
                "arguments[0].focus && arguments[0].focus();", link)
        if browser.execute_script("return window.__pwned !== undefined"):
            fired.append(page)
    assert fired == []


def test_the_canary_fires_when_a_payload_does_run(browser, tmp_path):
    """The check above can fail: with raw HTML turned on (a trusted newsroom's choice), the same
    payload that safe mode drops does run, and the same detection sees it."""
    content = tmp_path / "Content"
    (content / "articles").mkdir(parents=True)
    (content / "site.yml").write_text("title: Trusted\nbase_url: http://127.0.0.1/\nraw_html: true\n")
    (content / "articles" / "raw.md").write_text(
        "---\ntitle: Raw\nsummary: S\ndate: 2025-01-01\n---\n"
        "<img src=\"x\" alt=\"\" onerror=\"window.__pwned = 1\">\n")
    run = subprocess.run([str(SITEGEN), "build", "--output", str(tmp_path / "Public")], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    with serve(tmp_path / "Public") as url:
        browser.get(url + "/articles/raw/")
        browser.implicitly_wait(0)
        fired = browser.execute_script("return window.__pwned !== undefined")
    assert fired, "the canary must detect a payload that runs"
