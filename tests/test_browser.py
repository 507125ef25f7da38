"""The built site in headless Chromium: pages render, math and figures show, nothing
is requested from another host, the language switch and Chinese search work."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import all_pages
from lastlayer import style


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [("/", "en", "last layer"), ("/zh/", "zh", "最后一层"), ("/zh-Hant/", "zh-Hant", "最後一層")],
)
def test_home_page_renders_with_math_and_nothing_foreign(visit, base_url, path, lang, heading):
    v = visit(path)
    page = v.page
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator("h1").first).to_contain_text(heading)
    # Rendered math: KaTeX's visual layer is on screen and uses KaTeX's own (vendored) fonts.
    katex = page.locator(".katex-display .katex-html").first
    expect(katex).to_be_visible()
    assert katex.bounding_box()["width"] > 100
    page.evaluate("document.fonts.ready")
    # (The check names text: KaTeX_Main's faces are split by unicode-range, and only the
    # subset with the characters formulas draw, digits among them, is loaded.)
    assert page.evaluate("document.fonts.check('16px KaTeX_Main', '0123456789')")
    assert page.evaluate(
        "[...document.fonts].some(f => f.family.replace(/\"/g, '') === 'KaTeX_Main' && f.status === 'loaded')"
    )
    assert "\\(" not in page.inner_text("article")
    page.wait_for_load_state("networkidle")
    assert v.foreign_requests(base_url) == []
    assert v.failed == [] and v.bad_status == []
    assert v.console_errors == []


@pytest.mark.parametrize("lang", ["en", "zh", "zh-Hant"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figure_loads_in_the_readers_theme_and_language(visit, base_url, lang, scheme):
    v = visit("/computation/" if lang == "en" else f"/{lang}/computation/", color_scheme=scheme)
    figure = v.page.locator("#fig-softmax_pipeline")
    figure.scroll_into_view_if_needed()
    visible = figure.locator("img:visible")
    expect(visible).to_have_count(1)
    src = visible.get_attribute("src")
    assert f"softmax_pipeline-{lang}-{scheme}.svg" in src
    expect(visible).to_have_js_property("complete", True)
    assert visible.evaluate("img => img.naturalWidth") > 0
    assert visible.get_attribute("alt")
    v.page.wait_for_load_state("networkidle")
    assert v.foreign_requests(base_url) == [] and v.failed == []


def test_theme_toggle_swaps_the_figure(visit):
    v = visit("/computation/", color_scheme="light")
    v.page.locator("#fig-softmax_pipeline").scroll_into_view_if_needed()
    assert "-light.svg" in v.page.locator("#fig-softmax_pipeline img:visible").get_attribute("src")
    v.page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    expect(v.page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert "-dark.svg" in v.page.locator("#fig-softmax_pipeline img:visible").get_attribute("src")


@pytest.mark.parametrize(
    ("start", "hreflang", "target"),
    [
        ("/computation/", "zh", "/zh/computation/"),
        ("/zh/computation/", "en", "/computation/"),
        ("/zh/computation/", "zh-Hant", "/zh-Hant/computation/"),
        ("/zh-Hant/computation/", "zh", "/zh/computation/"),
        ("/zh-Hant/notebooks/geometry/", "en", "/notebooks/geometry/"),
    ],
)
def test_language_switch_lands_on_the_same_page(visit, base_url, start, hreflang, target):
    v = visit(start)
    page = v.page
    page.locator(".md-select").first.hover()
    page.locator(f".md-select a[hreflang='{hreflang}']").first.click()
    page.wait_for_url(re.compile(re.escape(base_url + target) + "$"))
    assert page.locator("html").get_attribute("lang") == hreflang


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/zh/", "概率", "/zh/"),
        ("/", "probabilities", "/"),
        # Traditional Chinese: Taiwan usage and the phrase table's terms, segmented by jieba
        ("/zh-Hant/", "機率", "/zh-Hant/"),
        ("/zh-Hant/", "全連接層", "/zh-Hant/"),
        ("/zh-Hant/", "權重", "/zh-Hant/"),
        ("/zh-Hant/", "溫度", "/zh-Hant/"),
    ],
)
def test_search_finds_words_in_each_language(visit, base_url, path, query, expected):
    v = visit(path)
    page = v.page
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # material searches on keyup; fill() alone sends none for CJK text
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=30_000)
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    if expected == "/":
        assert any("/zh/" not in h and "/zh-Hant/" not in h for h in hrefs), hrefs
    else:
        assert any(expected in h for h in hrefs), hrefs


@pytest.mark.parametrize(
    ("lang", "scheme", "width"),
    [
        ("zh", "light", 1280),
        ("zh-Hant", "dark", 1280),
        ("en", "light", 375),
        ("zh", "dark", 375),
        ("zh-Hant", "light", 375),
    ],
)
def test_clicking_a_figure_enlarges_the_variant_shown(visit, site, base_url, lang, scheme, width):
    """The lightbox opens the drawing the reader was looking at (its scheme; on a phone its
    narrow layout), at least as wide as the screen's column, on the page's own opaque
    background, with its text at 11 CSS px or more."""
    from test_figure_legibility import MIN_TEXT_PX, smallest_text_pt

    folder = "" if lang == "en" else f"/{lang}"
    v = visit(f"{folder}/computation/", color_scheme=scheme, width=width)
    image = v.page.locator("#fig-softmax_pipeline img:visible")
    image.scroll_into_view_if_needed()
    # What the browser chose, once the (lazily loaded) image has loaded.
    shown = image.evaluate(
        "i => i.complete && i.currentSrc ? i.currentSrc"
        " : new Promise(done => i.addEventListener('load', () => done(i.currentSrc)))"
    )
    image.click()
    slide = v.page.locator(".gslide.current .gslide-image img")
    expect(slide).to_be_visible()
    # Measured once the lightbox's zoom-in animation has ended (it removes its class).
    v.page.wait_for_function("!document.querySelector('.gslide.current').classList.contains('gzoomIn')")
    src = slide.get_attribute("src")
    suffix = ".narrow.svg" if width < 720 else f"{scheme}.svg"
    assert f"softmax_pipeline-{lang}-{scheme}" in src and src.split("#")[0].endswith(suffix), src
    assert slide.evaluate("i => i.src").split("#")[0] == shown.split("#")[0]
    box = slide.bounding_box()
    assert box["width"] >= min(width, 900) - 1, f"the lightbox shows the figure {box['width']:.0f}px wide"
    background = slide.evaluate("i => getComputedStyle(i).backgroundColor")
    page_bg = style.THEME_COLORS[scheme]["bg"]
    assert background == "rgb({}, {}, {})".format(*bytes.fromhex(page_bg[1:])), (background, page_bg)
    prefix = urlsplit(base_url).path.rstrip("/") + "/"
    pt, svg_width_pt = smallest_text_pt(site / urlsplit(shown).path[len(prefix) :])
    assert pt * box["width"] / svg_width_pt >= MIN_TEXT_PX


@pytest.mark.parametrize("path", all_pages())
def test_every_page_at_phone_width(sweep, base_url, path):
    v = sweep(path).phone
    assert v.broken_images == []
    assert v.foreign_requests(base_url) == []
    assert v.failed == [] and v.bad_status == []
    assert v.console_errors == []
    assert v.overflow <= 0, f"{path} is {v.overflow}px wider than the phone screen"
    assert v.wide_blocks == [], f"{path}: wider than the phone's column (they would scroll sideways)"
    assert v.hidden_cells == [], f"{path}: table cells a phone reader cannot see"
    assert "\\(" not in v.article_text and "$$" not in v.article_text
    # Every KaTeX font the page draws with was preloaded, and none that it does not use; the
    # subsets have every character, so no full font file is fetched.
    assert sorted(v.fonts_drawn) == sorted(v.fonts_preloaded)
    assert all(u.endswith(".subset.woff2") for u in v.font_requests), v.font_requests


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", all_pages())
def test_no_accessibility_violations(sweep, path, scheme):
    """axe-core on every page, in each scheme."""
    report = sweep(path)
    assert (report.desktop if scheme == "light" else report.dark).axe == []


@pytest.mark.parametrize(("start", "hreflang", "target"), [("/zh/", "en", "/"), ("/zh-Hant/", "zh", "/zh/")])
def test_language_switch_keeps_the_anchor(visit, base_url, start, hreflang, target):
    anchor = "#the-boundaries-the-classifier-really-draws"
    v = visit(start + "geometry/" + anchor)
    v.page.locator(".md-select").first.hover()
    v.page.locator(f".md-select a[hreflang='{hreflang}']").first.click()
    v.page.wait_for_url(re.compile(re.escape(base_url + target + "geometry/" + anchor) + "$"))
    assert v.page.locator(anchor).count() == 1


LAYOUT_SHIFTS = """window.__shifts = 0;
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
}).observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("path", ["/computation/", "/zh/geometry/", "/zh/templates/", "/zh-Hant/geometry/"])
def test_math_pages_do_not_shift_while_loading(browser, base_url, path):
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, device_scale_factor=2)
    try:
        page = context.new_page()
        page.add_init_script(LAYOUT_SHIFTS)
        page.goto(base_url + path, wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        assert page.evaluate("window.__shifts") < 0.05
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", all_pages())
def test_only_the_colour_schemes_own_figure_variant_is_shown(sweep, path, scheme):
    """Every figure ships a light and a dark variant; the other scheme's stays hidden (a
    rule of the site's own could override the theme's and show both, one under the other)."""
    report = sweep(path)
    assert (report.desktop if scheme == "light" else report.dark).other_scheme_shown == []


@pytest.mark.parametrize(
    ("path", "prefix"), [("/notebooks/learning/", "Code block "), ("/zh/notebooks/learning/", "代码块 ")]
)
def test_code_block_landmarks_are_numbered(visit, path, prefix):
    """The theme gives each code block's copy button a <nav>; the page names them apart."""
    page = visit(path).page
    navs = page.locator(".md-code__nav")
    page.wait_for_function("document.querySelector('.md-code__nav') !== null")
    count = navs.count()
    assert count > 1
    expected = [f"{prefix}{i}" for i in range(1, count + 1)]
    page.wait_for_function(
        """n => [...document.querySelectorAll('.md-code__nav')]
                 .every((e, i) => e.getAttribute('aria-label') === n + (i + 1))""",
        arg=prefix,
    )
    assert [nav.get_attribute("aria-label") for nav in navs.all()] == expected
