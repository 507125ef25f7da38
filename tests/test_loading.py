"""How a page loads on a phone: painted before any script runs, the search index fetched only
for a reader who searches, the colour scheme right from the first paint, and the article's
far-off blocks left unrendered until the reader gets near them (hooks/performance.py,
overrides/partials/javascripts/palette.html, docs/assets/site.css)."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

PHONE = {"width": 412, "height": 823}
#: The theme's script adds this class to the root element when it runs.
THEME_STARTED = "document.documentElement.classList.contains('js-focus-visible')"


def _main_frame_events(trace: dict) -> tuple[list[dict], list[dict]]:
    """The page's own paints, and the requests for and runs of its scripts, in a Chromium trace."""
    events = trace["traceEvents"]
    parse = next(e for e in events if e.get("name") == "ParseHTML" and "lastlayer" in json.dumps(e.get("args", {})))
    frame = parse["args"]["beginData"]["frame"]
    paints = [  # after the parse began: the tab's blank page before it paints in the same frame
        e
        for e in events
        if e.get("name") == "Paint"
        and e.get("args", {}).get("data", {}).get("frame") == frame
        and e["ts"] > parse["ts"]
    ]
    scripts = [  # requests for the page's scripts, and their runs
        e
        for e in events
        if e.get("name") in ("ResourceSendRequest", "EvaluateScript")
        and "/assets/" in e.get("args", {}).get("data", {}).get("url", "")
        and e["args"]["data"]["url"].endswith(".js")
    ]
    return paints, scripts


def test_the_page_is_painted_before_its_scripts_are_even_requested(browser, base_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser.start_tracing(page=page, categories=["devtools.timeline"])
    page.goto(base_url + "/geometry/", wait_until="load")
    page.wait_for_function(THEME_STARTED)
    expect(page.locator(".ll-widget--geometry")).to_be_visible()  # the widget's scripts ran too
    paints, scripts = _main_frame_events(json.loads(browser.stop_tracing()))
    context.close()
    urls = {e["args"]["data"]["url"].rsplit("/", 1)[-1] for e in scripts if e["name"] == "EvaluateScript"}
    assert {"core.js", "geometry.js"} <= urls and any(u.startswith("bundle.") for u in urls), urls
    assert paints, "no paint of the page was recorded"
    assert min(e["ts"] for e in paints) < min(e["ts"] for e in scripts)


def test_the_search_index_is_fetched_when_the_reader_goes_to_search(visit):
    v = visit("/zh/learning/", width=PHONE["width"])
    page = v.page
    page.wait_for_function(THEME_STARTED)
    page.wait_for_load_state("networkidle")
    assert not any("search_index" in u for u in v.requests)
    # The page's own language's index (hooks/search.py), not the whole site's.
    with page.expect_request(re.compile(r"/search/search_index\.zh\.json$")):
        page.locator("label.md-header__button[for='__search']").click()
    box = page.locator("input.md-search__input")
    box.fill("梯度")
    box.press("End")
    expect(page.locator(".md-search-result__item a").first).to_be_visible(timeout=30_000)


@pytest.mark.parametrize(
    ("path", "term", "index"),
    [
        ("/computation/#a-worked-example", "softmax", "en"),
        ("/zh/geometry/#many-classes-one-hyperplane-per-class", "有符号距离", "zh"),
        ("/zh-Hant/geometry/#many-classes-one-hyperplane-per-class", "有號距離", "zh-Hant"),
    ],
)
def test_a_page_opened_from_a_search_result_lands_on_the_section_and_highlights_its_terms(visit, path, term, index):
    """As a result link opens it: ?h=<query> before the section's #anchor, in every language."""
    page_path, _, anchor = path.partition("#")
    v = visit(f"{page_path}?h={quote(term)}#{anchor}")
    mark = v.page.locator("mark[data-md-highlight]").first
    expect(mark).to_be_attached(timeout=30_000)
    assert term in v.page.eval_on_selector_all("mark[data-md-highlight]", "ms => ms.map(m => m.textContent).join('')")
    assert any(u.endswith(f"/search/search_index.{index}.json") for u in v.requests)
    # Landed on the section: its heading is at the top of the screen.
    top = v.page.evaluate(f"document.getElementById({anchor!r}).getBoundingClientRect().top")
    assert -5 <= top <= 120, top


def test_the_colour_scheme_is_right_before_any_script(browser, base_url):
    """With the theme's script never arriving, the page still has the reader's scheme."""
    context = browser.new_context(color_scheme="dark", viewport=PHONE)
    context.route(re.compile(r"/assets/javascripts/bundle\."), lambda route: route.abort())
    page = context.new_page()
    page.goto(base_url + "/computation/", wait_until="load")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "dark"
    assert page.evaluate("document.documentElement.className") == "js"
    toggle = page.locator("label.md-header__button[for^='__palette']:visible")
    expect(toggle).to_have_count(1)
    # The reader's choice holds on the next page, whatever the system prefers.
    toggle.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.goto(base_url + "/zh/computation/", wait_until="load")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "light"
    context.close()


def test_a_reader_who_has_not_chosen_follows_the_system(visit):
    page = visit("/why-softmax/", color_scheme="light").page
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.emulate_media(color_scheme="dark")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_blocks_far_below_are_rendered_when_the_reader_gets_there(visit):
    v = visit("/learning/", width=PHONE["width"])
    page = v.page
    page.wait_for_load_state("networkidle")
    last_math = page.locator(".md-typeset > p .katex").last
    figure = page.locator(".md-typeset > figure img:visible").last
    shown = "(el) => el.checkVisibility({contentVisibilityAuto: true})"
    assert last_math.evaluate(shown) is False
    assert figure.evaluate("img => img.complete && img.naturalWidth > 0") is False
    last_math.scroll_into_view_if_needed()
    page.wait_for_function(shown, arg=last_math.element_handle())  # rendered at the next frame
    figure.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())


def test_a_link_to_a_section_lands_on_it(visit):
    page = visit("/learning/#shift-freedom", width=PHONE["width"]).page
    page.wait_for_function(THEME_STARTED)
    page.wait_for_load_state("networkidle")
    top = page.locator("#shift-freedom").evaluate("h => h.getBoundingClientRect().top")
    header = page.locator(".md-header").evaluate("h => h.getBoundingClientRect().bottom")
    assert header - 1 <= top <= header + 100, (top, header)


def test_focus_rings_in_skipped_blocks_are_not_clipped(visit):
    """A block with content-visibility clips what it paints to its box plus its
    overflow-clip-margin; a focused link's ring must fit in that margin."""
    page = visit("/learning/").page
    link = page.locator(".md-typeset > p a[href]").last
    block = link.locator("xpath=ancestor::p[parent::*[contains(@class, 'md-typeset')]]")
    assert block.evaluate("p => getComputedStyle(p).contentVisibility") == "auto"
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focused from the keyboard: the ring is drawn
    ring = link.evaluate(
        "a => { const s = getComputedStyle(a); return parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth); }"
    )
    margin = block.evaluate("p => parseFloat(getComputedStyle(p).overflowClipMargin)")
    assert ring > 0 and margin >= ring, (ring, margin)
