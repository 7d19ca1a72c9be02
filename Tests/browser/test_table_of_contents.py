"""The article's contents list and heading anchors."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from support import ARTICLE, open_page, wait

# Where a heading is once the page has scrolled to it: its top, the viewport and the scroll range.
HEADING_POSITION = """
const h = document.getElementById(arguments[0]);
const r = h.getBoundingClientRect();
const bottom = Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1;
return {top: r.top, bottom: r.bottom, height: innerHeight, atPageEnd: bottom, hash: location.hash};
"""


def at_top(driver, heading_id):
    """The heading's top is near the top of the viewport, or the page cannot scroll further and
    the heading is in view."""
    p = driver.execute_script(HEADING_POSITION, heading_id)
    if p["hash"] != "#" + heading_id:
        return False
    near_top = -2 <= p["top"] <= 0.2 * p["height"]
    return near_top or (p["atPageEnd"] and 0 <= p["top"] and p["bottom"] <= p["height"])


def toc_targets(driver):
    links = driver.find_elements(By.CSS_SELECTOR, 'nav.toc a[href^="#"]')
    assert links, "the article has no contents list"
    return [(a, a.get_attribute("hash")[1:]) for a in links]


def test_contents_lists_every_section_heading(browser, base_url):
    open_page(browser, base_url, ARTICLE)
    listed = [target for _, target in toc_targets(browser)]
    headings = browser.execute_script(
        "return [...document.querySelectorAll('.article-body h2[id], .article-body h3[id]')].map(h => h.id)"
    )
    assert listed == headings


def test_each_contents_link_jumps_to_its_heading(browser, base_url):
    open_page(browser, base_url, ARTICLE)
    for link, target in toc_targets(browser):
        browser.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
        link.click()
        wait(
            browser,
            lambda d: at_top(d, target),
            message=f"#{target}: {browser.execute_script(HEADING_POSITION, target)}",
        )


def test_contents_link_works_from_the_keyboard(browser, base_url):
    open_page(browser, base_url, ARTICLE)
    link, target = toc_targets(browser)[1]
    browser.execute_script("arguments[0].focus()", link)
    link.send_keys(Keys.ENTER)
    wait(browser, lambda d: at_top(d, target), message=f"Enter on the contents link did not reach #{target}")


def test_headings_link_to_themselves(browser, base_url):
    open_page(browser, base_url, ARTICLE)
    pairs = browser.execute_script(
        """
        return [...document.querySelectorAll('.article-body h2[id], .article-body h3[id]')].map(h => {
          const a = h.querySelector('a.heading-anchor');
          return [h.id, a ? a.getAttribute('href') : null];
        });
        """
    )
    assert pairs
    for heading_id, href in pairs:
        assert href == "#" + heading_id, f"heading #{heading_id} links to {href}"
