"""Dark mode, print media and small screens, with screenshots to look at in
test-output/screenshots/."""

import base64

import pytest
from selenium.webdriver.common.by import By

from support import (
    ARTICLE,
    DESKTOP,
    PHONE,
    luminance,
    open_page,
    parse_rgb,
    set_media,
    set_viewport,
    settle,
    full_page_screenshot,
)


def background(driver, selector="body"):
    return driver.execute_script(
        "return getComputedStyle(document.querySelector(arguments[0])).backgroundColor", selector
    )


def displayed(driver, selector):
    """Whether any element matching the selector takes up space on the page."""
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])]"
        ".some(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0)",
        selector,
    )


def test_dark_mode_follows_the_system_colour_scheme(browser, base_url):
    open_page(browser, base_url, ARTICLE)
    set_media(browser, scheme="light")
    light_bg, light_text = background(browser), browser.execute_script(
        "return getComputedStyle(document.body).color")
    set_media(browser, scheme="dark")
    settle()
    dark_bg, dark_text = background(browser), browser.execute_script(
        "return getComputedStyle(document.body).color")
    assert dark_bg != light_bg
    assert luminance(parse_rgb(light_bg)) > 0.8, light_bg
    assert luminance(parse_rgb(dark_bg)) < 0.05, dark_bg
    assert luminance(parse_rgb(dark_text)) > luminance(parse_rgb(dark_bg)) + 0.5, (dark_text, dark_bg)
    # The form controls and scrollbars follow too.
    assert "dark" in browser.execute_script("return getComputedStyle(document.documentElement).colorScheme")


def test_print_hides_navigation_and_shows_term_endnotes(browser, base_url):
    open_page(browser, base_url, ARTICLE)
    assert not displayed(browser, "sup.term-note"), "the endnote markers show on screen"
    assert displayed(browser, ".key-terms"), "the key terms do not show on screen"

    set_media(browser, media="print")
    settle()
    for selector in ("nav.site-nav", "nav.toc", ".skip-link", ".prev-next", ".related-articles"):
        assert not displayed(browser, selector), f"{selector} is printed"
    assert displayed(browser, ".key-terms"), "the key terms, the endnotes in print, are not printed"
    assert displayed(browser, "sup.term-note"), "the endnote markers are not printed"
    assert luminance(parse_rgb(background(browser))) > 0.95, "print is not on white"

    # Every marker number has its endnote, the key term numbered so, from 1 without gaps;
    # print shows each item as "number. name: summary".
    numbers = {int(s.text) for s in browser.find_elements(By.CSS_SELECTOR, "sup.term-note")}
    notes = browser.execute_script(
        """
        return [...document.querySelectorAll('.key-terms .key-term[data-note]')].map(e => ({
          note: +e.dataset.note,
          marker: getComputedStyle(e, '::before').content,
          display: [...e.children].map(c => getComputedStyle(c).display),
          separator: getComputedStyle(e.querySelector('dt'), '::after').content,
          linkAfter: getComputedStyle(e.querySelector('dt a'), '::after').content,
        }));
        """
    )
    assert numbers and numbers == {n["note"] for n in notes}, (numbers, notes)
    assert numbers == set(range(1, len(notes) + 1)), (numbers, len(notes))
    for n in notes:
        assert n["marker"] == f'"{n["note"]}. "', n
        assert n["display"] == ["inline", "inline"] and n["separator"] == '": "', n
        assert n["linkAfter"] in ("none", "normal"), f"a key term prints its address: {n}"

    # Ordinary links print their address after the text.
    after = browser.execute_script(
        """
        const a = document.querySelector('.article-body a[href^="/"]:not(.term):not(.heading-anchor)');
        return a ? getComputedStyle(a, '::after').content : null;
        """
    )
    assert after and "(" in after, f"a printed link does not show its address: {after!r}"


def test_print_is_readable_in_dark_mode_too(browser, base_url):
    open_page(browser, base_url, ARTICLE)
    set_media(browser, media="print", scheme="dark")
    settle()
    assert luminance(parse_rgb(background(browser))) > 0.95
    text = browser.execute_script("return getComputedStyle(document.querySelector('.article-body p')).color")
    assert luminance(parse_rgb(text)) < 0.05, text


@pytest.mark.parametrize("width", [PHONE[0], DESKTOP[0]])
@pytest.mark.parametrize("path", ["/", ARTICLE], ids=["home", "article"])
def test_screenshots(browser, base_url, screenshots_dir, path, width):
    """Light, dark and print renderings at a phone's and a laptop's width; nothing overflows."""
    name = "home" if path == "/" else "article"
    height = PHONE[1] if width == PHONE[0] else DESKTOP[1]
    set_viewport(browser, width, height, mobile=width == PHONE[0])
    open_page(browser, base_url, path)
    for mode, media, scheme in (("light", "", "light"), ("dark", "", "dark"), ("print", "print", "light")):
        set_media(browser, media=media, scheme=scheme)
        settle()
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} at {width} px ({mode}) scrolls sideways by {overflow} px"
        shot = screenshots_dir / f"{name}-{width}-{mode}.png"
        full_page_screenshot(browser, shot)
        assert shot.stat().st_size > 5_000, f"{shot} looks empty"


def test_article_prints_to_pdf(browser, base_url, output_dir):
    """The print stylesheet as Chromium paginates it, for a person to read (test-output/)."""
    open_page(browser, base_url, ARTICLE)
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": False, "preferCSSPageSize": True})
    path = output_dir / "article-print.pdf"
    path.write_bytes(base64.b64decode(pdf["data"]))
    assert path.read_bytes().startswith(b"%PDF")
