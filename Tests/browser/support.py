"""Shared knowledge for the browser suite: which pages to visit, how to read the content, and the
Chrome DevTools calls that emulate media, colour schemes, touch and screen sizes."""

from __future__ import annotations

import base64
import re
import time
from pathlib import Path

import yaml
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "Content"
TEST_OUTPUT = REPO / "test-output"

# The article the interaction tests use: it has a contents list, several term links and body text
# (such as "Bucharest") that appears in neither its title, summary nor headings.
ARTICLE_SLUG = "red-lines-and-nato-enlargement-since-2008"
ARTICLE = f"/articles/{ARTICLE_SLUG}/"

# One page of every kind, by URL path; the 404 page is reached the way readers reach it.
PAGE_TYPES = {
    "home": "/",
    "article": ARTICLE,
    "term": "/glossary/red-lines/",
    "glossary": "/glossary/",
    "tags": "/tags/",
    "tag": "/tags/nato/",
    "search": "/search/",
    "404": "/no-such-page/",
}

# The same pages as files in the built site, for the HTML checker.
PAGE_FILES = {
    name: "404.html" if name == "404" else path.lstrip("/") + "index.html"
    for name, path in PAGE_TYPES.items()
}

DESKTOP = (1280, 800)
PHONE = (375, 812)


def front_matter(path: Path) -> tuple[dict, str]:
    """The YAML front matter and the body of a Markdown file in Content/."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    assert match, f"{path}: no front matter"
    return yaml.safe_load(match.group(1)) or {}, match.group(2)


def term_summary(slug: str) -> str:
    """A glossary term's summary, read from its source file rather than from the page."""
    meta, _ = front_matter(CONTENT / "glossary" / f"{slug}.md")
    return meta["summary"]


# ---------- Emulation (Chrome DevTools Protocol) ----------


def set_viewport(driver, width: int, height: int, mobile: bool = False) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def set_media(driver, media: str = "", scheme: str | None = None) -> None:
    """Emulate a media type ('print', 'screen' or '' for none) and a prefers-color-scheme."""
    features = [{"name": "prefers-color-scheme", "value": scheme}] if scheme else []
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media, "features": features})


def set_touch(driver, enabled: bool) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setTouchEmulationEnabled", {"enabled": enabled, "maxTouchPoints": 5 if enabled else 1}
    )


def set_scripts(driver, enabled: bool) -> None:
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not enabled})


def reset_emulation(driver) -> None:
    set_scripts(driver, True)
    set_touch(driver, False)
    set_media(driver)
    set_viewport(driver, *DESKTOP)


def tap(driver, element) -> None:
    """One finger tap at the element's centre: touch events, pointer events and the click that
    follows, as a phone sends them (needs set_touch(driver, True))."""
    x, y = driver.execute_script(
        "const r = arguments[0].getClientRects()[0];"
        "return [r.left + r.width / 2, r.top + r.height / 2];",
        element,
    )
    tap_at(driver, x, y)


def tap_at(driver, x: float, y: float) -> None:
    """One finger tap at a point of the viewport."""
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def park_mouse(driver) -> None:
    """Move the mouse to the page's top left corner, away from any term link."""
    builder = ActionBuilder(driver, duration=0)
    builder.pointer_action.move_to_location(1, 1)
    builder.perform()


def hover(driver, element) -> None:
    ActionChains(driver).move_to_element(element).perform()


def wait(driver, condition, timeout: float = 5, message: str = ""):
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition(d), message)


def wait_for_load(driver) -> None:
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")


def open_page(driver, base_url: str, path: str) -> None:
    driver.get(base_url + path)
    wait_for_load(driver)


# ---------- Pop-up ----------

POPUP = "sg-term-popup"


def popup_state(driver) -> dict:
    """Whether the shared term pop-up is showing, and what it says."""
    return driver.execute_script(
        """
        const p = document.getElementById(arguments[0]);
        if (!p) return {exists: false, visible: false};
        const r = p.getBoundingClientRect();
        return {
          exists: true,
          visible: !p.hidden && getComputedStyle(p).display !== 'none' && r.width > 0,
          role: p.getAttribute('role'),
          name: (p.querySelector('.term-popup-name') || {}).textContent,
          summary: (p.querySelector('.term-popup-summary') || {}).textContent,
          more: (p.querySelector('.term-popup-more') || {}).href,
          rect: {left: r.left, top: r.top, right: r.right, bottom: r.bottom},
          viewport: {width: document.documentElement.clientWidth, height: innerHeight},
        };
        """,
        POPUP,
    )


def popup_visible(driver) -> bool:
    return popup_state(driver)["visible"]


# ---------- Colours ----------


def parse_rgb(css: str) -> tuple[float, float, float]:
    match = re.match(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)", css)
    assert match, f"not an rgb() colour: {css}"
    return tuple(float(v) for v in match.groups())  # type: ignore[return-value]


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# ---------- Screenshots ----------


def full_page_screenshot(driver, path: Path) -> None:
    """The whole page at the emulated width, not only the visible part."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        },
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))


def settle(seconds: float = 0.15) -> None:
    """Let a style change or a short CSS animation finish before measuring or capturing."""
    time.sleep(seconds)
