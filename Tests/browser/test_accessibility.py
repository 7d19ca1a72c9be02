"""axe-core 4.x finds no violations on any kind of page, in light and dark colour schemes, nor with
a term pop-up open. The runner is axe-selenium-python's; axe.min.js is the current build that the
axe-playwright-python wheel ships (installed without Playwright, only for this file)."""

import importlib.util
import json
import re
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from support import ARTICLE, PAGE_TYPES, hover, open_page, popup_visible, set_media, settle, wait


def axe_script() -> Path:
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec and spec.submodule_search_locations, "axe-playwright-python is not installed"
    return Path(list(spec.submodule_search_locations)[0]) / "axe.min.js"


AXE_JS = axe_script()


def run_axe(driver) -> list:
    axe = Axe(driver, script_url=str(AXE_JS))
    axe.inject()
    results = axe.run(options=json.dumps({"resultTypes": ["violations"]}))
    return results["violations"]


def report(driver, violations) -> str:
    return Axe(driver).report(violations)


def test_axe_is_4x():
    head = AXE_JS.read_text(encoding="utf-8")[:200]
    match = re.search(r"axe v(\d+)\.(\d+)\.(\d+)", head)
    assert match and int(match.group(1)) == 4, head


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", PAGE_TYPES, ids=list(PAGE_TYPES))
def test_no_axe_violations(browser, base_url, page, scheme):
    set_media(browser, scheme=scheme)
    open_page(browser, base_url, PAGE_TYPES[page])
    if page == "search":  # with results on the page, not only the empty form
        browser.find_element(By.ID, "search-input").send_keys("nato")
        wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li a"))
    settle(0.2)
    violations = run_axe(browser)
    assert not violations, report(browser, violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_a_term_popup_open(browser, base_url, scheme):
    set_media(browser, scheme=scheme)
    open_page(browser, base_url, ARTICLE)
    link = browser.find_element(By.CSS_SELECTOR, "a.term[data-term]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", link)
    hover(browser, link)
    wait(browser, popup_visible)
    settle(0.3)  # past the pop-up's fade-in, so colour contrast is measured at full opacity
    violations = run_axe(browser)
    assert not violations, report(browser, violations)
