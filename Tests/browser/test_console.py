"""No JavaScript errors, and no failed requests, in the console of any kind of page."""

import pytest
from selenium.webdriver.common.by import By

from support import ARTICLE, PAGE_TYPES, hover, open_page, popup_visible, settle, wait


def severe(driver, expected_404=None):
    entries = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    if expected_404:
        # The 404 page itself arrives with status 404, which Chromium logs as a failed load.
        entries = [e for e in entries if not (e["source"] == "network" and e["message"].startswith(expected_404 + " "))]
    return [f"{e['source']}: {e['message']}" for e in entries]


@pytest.mark.parametrize("page", PAGE_TYPES, ids=list(PAGE_TYPES))
def test_no_console_errors(browser, base_url, page):
    url = base_url + PAGE_TYPES[page]
    open_page(browser, base_url, PAGE_TYPES[page])
    settle(0.3)  # let deferred scripts and the favicon request finish
    assert severe(browser, expected_404=url if page == "404" else None) == []


def test_no_console_errors_while_using_the_scripts(browser, base_url):
    open_page(browser, base_url, ARTICLE)
    for link in browser.find_elements(By.CSS_SELECTOR, "a.term[data-term]")[:3]:
        browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", link)
        hover(browser, link)
        wait(browser, popup_visible)
    open_page(browser, base_url, "/search/")
    field = browser.find_element(By.ID, "search-input")
    field.send_keys("guarantee")
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li a"))
    field.clear()
    field.send_keys("’ \"<>&")  # odd characters must not break the script
    settle(0.2)
    assert severe(browser) == []
