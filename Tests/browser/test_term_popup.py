"""The glossary term pop-up (Templates/assets/site.js): hover, keyboard focus, Escape, touch."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from support import (
    ARTICLE,
    hover,
    open_page,
    popup_state,
    popup_visible,
    set_touch,
    set_viewport,
    settle,
    tap,
    tap_at,
    term_summary,
    wait,
)

TERM = "red-lines"
LINK = f'a.term[data-term="{TERM}"]'

# Records, in page time, when the pointer entered the link and when the pop-up appeared.
TIMING_PROBE = """
window.__probe = {enter: null, shown: null};
const link = document.querySelector(arguments[0]);
link.addEventListener('pointerenter', () => { window.__probe.enter ??= performance.now(); });
new MutationObserver(() => {
  const p = document.getElementById('sg-term-popup');
  if (p && !p.hidden && window.__probe.shown === null) window.__probe.shown = performance.now();
}).observe(document.body, {subtree: true, attributes: true, attributeFilter: ['hidden']});
"""


def term_link(driver):
    link = driver.find_element(By.CSS_SELECTOR, LINK)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", link)
    return link


def assert_shows_term(driver, link):
    state = popup_state(driver)
    assert state["visible"], "the term pop-up is not showing"
    assert state["role"] == "tooltip"
    assert state["name"].strip().lower() == "red lines"
    assert state["summary"].strip() == term_summary(TERM)
    assert state["more"] == link.get_attribute("href")
    # Placed inside the viewport, not off-screen.
    rect, viewport = state["rect"], state["viewport"]
    assert rect["left"] >= 0 and rect["right"] <= viewport["width"], rect
    assert rect["top"] >= 0 and rect["bottom"] <= viewport["height"], rect


def test_link_describes_itself_with_the_summary(browser, base_url):
    open_page(browser, base_url, ARTICLE)
    link = browser.find_element(By.CSS_SELECTOR, LINK)
    described = browser.find_element(By.ID, link.get_attribute("aria-describedby"))
    assert described.get_attribute("textContent").strip() == term_summary(TERM)
    assert not popup_visible(browser), "the pop-up shows before anything happened"


def test_opens_on_hover_after_a_delay_and_closes_when_the_mouse_leaves(browser, base_url, screenshots_dir):
    open_page(browser, base_url, ARTICLE)
    link = term_link(browser)
    browser.execute_script(TIMING_PROBE, LINK)
    hover(browser, link)
    wait(browser, popup_visible, message="the pop-up did not open on hover")
    probe = browser.execute_script("return window.__probe")
    delay = probe["shown"] - probe["enter"]
    assert delay >= 250, f"opened {delay:.0f} ms after the pointer arrived: no hover intent delay"
    assert_shows_term(browser, link)
    settle(0.2)
    browser.save_screenshot(str(screenshots_dir / "article-1280-popup-hover.png"))

    # The pointer can travel onto the pop-up without it vanishing (WCAG 1.4.13, hoverable).
    hover(browser, browser.find_element(By.ID, "sg-term-popup"))
    settle(0.5)
    assert popup_visible(browser), "the pop-up closed while the pointer was on it"

    ActionChains(browser).move_to_element(browser.find_element(By.TAG_NAME, "h1")).perform()
    wait(browser, lambda d: not popup_visible(d), message="the pop-up stayed after the mouse left")


def test_opens_on_keyboard_focus_and_closes_on_escape(browser, base_url):
    open_page(browser, base_url, ARTICLE)
    link = term_link(browser)
    # Focus whatever comes just before the term link in tab order, then press Tab as a reader would.
    browser.execute_script(
        """
        const link = arguments[0];
        const all = [...document.querySelectorAll('a[href], button, input, [tabindex]:not([tabindex="-1"])')]
          .filter(e => e.tabIndex >= 0 && e.getClientRects().length);
        all[all.indexOf(link) - 1].focus();
        """,
        link,
    )
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element == link, "Tab did not reach the term link"
    assert browser.execute_script("return arguments[0].matches(':focus-visible')", link)
    wait(browser, popup_visible, timeout=1, message="keyboard focus did not open the pop-up at once")
    assert_shows_term(browser, link)

    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    wait(browser, lambda d: not popup_visible(d), timeout=1, message="Escape did not close the pop-up")
    assert browser.switch_to.active_element == link, "Escape moved focus away from the link"

    # Tab onwards: focus is not trapped, and the pop-up follows focus (or closes).
    ActionChains(browser).send_keys(Keys.TAB).perform()
    focused = browser.switch_to.active_element
    assert focused != link
    state = popup_state(browser)
    if focused.get_attribute("data-term"):
        assert state["visible"] and state["more"] == focused.get_attribute("href")
    else:
        assert not state["visible"]


def test_moving_from_one_popup_onto_another_term_opens_that_term(browser, base_url):
    """Regression: the first pop-up's close timer used to cancel the second term's pending open,
    leaving nothing shown while the pointer rested on a term."""
    open_page(browser, base_url, ARTICLE)
    first = browser.find_elements(By.CSS_SELECTOR, "a.term[data-term]")[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", first)
    hover(browser, first)
    wait(browser, popup_visible)
    popup = browser.find_element(By.ID, "sg-term-popup")
    # Another term link in view whose centre the pop-up does not cover.
    second = browser.execute_script(
        """
        const first = arguments[0];
        return [...document.querySelectorAll('a.term[data-term]')].find(a => {
          if (a.dataset.term === first.dataset.term) return false;
          const r = a.getClientRects()[0];
          if (!r || r.top < 0 || r.bottom > innerHeight) return false;
          return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === a;
        });
        """,
        first,
    )
    assert second, "no second term link in view to move to"
    ActionChains(browser).move_to_element(popup).move_to_element(second).perform()
    wait(
        browser,
        lambda d: popup_state(d)["visible"] and popup_state(d)["more"] == second.get_attribute("href"),
        message="the pop-up of the term under the pointer did not open",
    )


def test_first_tap_opens_without_navigating_and_second_tap_follows(browser, base_url, screenshots_dir):
    set_viewport(browser, 375, 812, mobile=True)
    set_touch(browser, True)
    open_page(browser, base_url, ARTICLE)
    link = term_link(browser)
    article_url = browser.current_url
    href = link.get_attribute("href")

    tap(browser, link)
    wait(browser, popup_visible, message="the first tap did not open the pop-up")
    settle(0.5)  # a navigation, if the tap had started one, would have begun by now
    assert browser.current_url == article_url, "the first tap navigated away"
    assert_shows_term(browser, link)
    browser.save_screenshot(str(screenshots_dir / "article-375-popup-tap.png"))

    tap(browser, link)
    wait(browser, lambda d: d.current_url == href, message="the second tap did not follow the link")


def test_tap_elsewhere_closes_the_popup(browser, base_url):
    set_viewport(browser, 375, 812, mobile=True)
    set_touch(browser, True)
    open_page(browser, base_url, ARTICLE)
    link = term_link(browser)
    tap(browser, link)
    wait(browser, popup_visible)
    # A point on plain text or background: no link and not the pop-up.
    x, y = browser.execute_script(
        """
        for (let y = 20; y < innerHeight; y += 15)
          for (let x = 10; x < innerWidth; x += 30) {
            const e = document.elementFromPoint(x, y);
            if (e && !e.closest('a, #sg-term-popup')) return [x, y];
          }
        """
    )
    tap_at(browser, x, y)
    wait(browser, lambda d: not popup_visible(d), message="a tap elsewhere left the pop-up open")
    assert browser.current_url.endswith(ARTICLE)
