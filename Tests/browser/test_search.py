"""Search (/search/): body text, aliases, keyboard movement between the input and the results."""

import json
import re
import string

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from sites import build_site, serve
from support import ARTICLE, ARTICLE_SLUG, CONTENT, front_matter, open_page, set_scripts, wait

BODY_WORD = "Bucharest"  # in the article's body only (checked below against its source)


def search(driver, base_url, query):
    open_page(driver, base_url, "/search/")
    field = driver.find_element(By.ID, "search-input")
    assert field.is_displayed(), "the search form stayed hidden: search.js did not start"
    field.send_keys(query)
    wait(driver, lambda d: d.find_element(By.ID, "search-status").text.strip(),
         message=f"no status after typing {query!r}")
    return [a.get_attribute("pathname") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results li a")]


def test_finds_an_article_by_a_word_in_its_body_text(browser, base_url):
    meta, body = front_matter(CONTENT / "articles" / f"{ARTICLE_SLUG}.md")
    headings = " ".join(re.findall(r"^#+ .*$", body, re.M))
    assert BODY_WORD in body, f"the fixture word {BODY_WORD!r} is no longer in the article's text"
    for field in (meta["title"], meta["summary"], headings):
        assert BODY_WORD.lower() not in field.lower(), f"{BODY_WORD!r} must be in the body only"

    results = search(browser, base_url, BODY_WORD.lower())
    assert ARTICLE in results, f"{BODY_WORD!r} found {results}"
    status = browser.find_element(By.ID, "search-status").text
    assert re.match(r"\d+ results? for", status), status


@pytest.mark.parametrize(
    "alias, term",
    [("NATO enlargement", "nato-expansion"), ("territorial exchange", "land-swaps"), ("embassy cable", "diplomatic-cable")],
)
def test_finds_a_term_by_an_alias(browser, base_url, alias, term):
    meta, _ = front_matter(CONTENT / "glossary" / f"{term}.md")
    assert alias in meta.get("aliases", []), f"{alias!r} is no longer an alias of {term}"
    # Some word of the alias must begin no word of the name, or the name alone would match.
    name_words = meta["term"].lower().split()
    assert any(not any(n.startswith(w) for n in name_words) for w in alias.lower().split()), alias

    results = search(browser, base_url, alias)
    assert f"/glossary/{term}/" in results, f"{alias!r} found {results}"


def test_nothing_found_is_said(browser, base_url):
    results = search(browser, base_url, "zzzqqq")
    assert results == []
    assert "Nothing found" in browser.find_element(By.ID, "search-status").text


def test_arrow_keys_move_between_the_input_and_the_results(browser, base_url):
    results = search(browser, base_url, "nato")
    assert len(results) >= 2
    field = browser.find_element(By.ID, "search-input")
    links = browser.find_elements(By.CSS_SELECTOR, "#search-results li a")

    field.send_keys(Keys.ARROW_DOWN)
    assert browser.switch_to.active_element == links[0], "ArrowDown did not reach the first result"
    assert browser.execute_script("return arguments[0].matches(':focus-visible')", links[0])
    browser.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert browser.switch_to.active_element == links[1]
    browser.switch_to.active_element.send_keys(Keys.ARROW_UP)
    browser.switch_to.active_element.send_keys(Keys.ARROW_UP)
    assert browser.switch_to.active_element == field, "ArrowUp from the first result did not return"

    # Enter in the field goes to the first result, which Enter then opens.
    field.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element == links[0]
    target = links[0].get_attribute("href")
    links[0].send_keys(Keys.ENTER)
    wait(browser, lambda d: d.current_url == target, message="Enter on a result did not open it")


def test_a_query_in_the_address_is_searched(browser, base_url):
    open_page(browser, base_url, "/search/?q=ratification")
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li a"))
    assert browser.find_element(By.ID, "search-input").get_attribute("value") == "ratification"


def test_without_javascript_the_page_says_so_and_links_elsewhere(browser, base_url):
    set_scripts(browser, False)
    open_page(browser, base_url, "/search/")
    assert not browser.find_element(By.CSS_SELECTOR, ".search-form").is_displayed()
    main = browser.find_element(By.ID, "main")
    assert "needs JavaScript" in main.text
    links = {a.get_attribute("pathname") for a in main.find_elements(By.CSS_SELECTOR, "a") if a.is_displayed()}
    assert {"/", "/glossary/"} <= links, links


# ---------- A site large enough for several index shards ----------

LARGE_SITE_ARTICLES = 900  # about 400 a shard, in a power of two: four shards


def marker(i: int) -> str:
    """A word in article i's body and nowhere else: letters only, all of one length."""
    letters = ""
    for _ in range(3):
        i, r = divmod(i, 26)
        letters += string.ascii_lowercase[r]
    return "qz" + letters


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    """A generated site of LARGE_SITE_ARTICLES small articles, built and served."""
    content = tmp_path_factory.mktemp("large") / "Content"
    (content / "articles").mkdir(parents=True)
    (content / "glossary").mkdir()
    (content / "site.yml").write_text("title: Large\nbase_url: https://large.example/\n")
    for i in range(LARGE_SITE_ARTICLES):
        (content / "articles" / f"article-{i:04}.md").write_text(
            f"---\ntitle: Article {i}\nsummary: Number {i}.\ndate: 2024-01-01\n---\n"
            f"Body of article {i}, with the word {marker(i)}.\n"
        )
    out = build_site(content, content.parent / "Public")
    with serve(out) as url:
        yield out, url


def test_every_index_shard_is_loaded_and_searched(browser, large_site):
    out, url = large_site
    shards = sorted((out / "search").glob("articles-*.js"))
    assert len(shards) == 4, [s.name for s in shards]
    open_page(browser, url, "/search/")
    loaded = browser.execute_script("return window.sitegenSearchIndex.articles.length")
    assert loaded == LARGE_SITE_ARTICLES, f"the page loaded {loaded} of {LARGE_SITE_ARTICLES} articles"

    # One article from each shard file, found by its marker word.
    for shard in shards:
        first = re.search(r'"url":("[^"]+")', shard.read_text())
        assert first, f"{shard.name} holds no article"
        path = json.loads(first.group(1))
        i = int(re.search(r"article-(\d+)", path).group(1))
        assert search(browser, url, marker(i)) == [path], f"{marker(i)} ({shard.name})"
