"""The offline copy: a zip linked from the About page that works from file://, search included."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page

ZIP = Path("downloads") / "lastlayer-offline.zip"


@pytest.fixture(scope="module")
def copy(site, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site / ZIP) as archive:
        archive.extractall(folder)
    return folder / "lastlayer"


@pytest.mark.parametrize("home", ["about/index.html", "zh/about/index.html", "zh-Hant/about/index.html"])
def test_about_pages_offer_the_zip(site, home):
    html = (site / home).read_text(encoding="utf-8")
    [href] = re.findall(r'<a href="([^"]*lastlayer-offline\.zip)" download', html)
    assert (site / home).parent.joinpath(href).resolve() == (site / ZIP).resolve()


def test_copy_has_both_languages_and_no_online_dependencies(copy):
    assert (copy / "index.html").is_file() and (copy / "zh" / "index.html").is_file()
    assert (copy / "zh-Hant" / "index.html").is_file()
    assert (copy / "computation.html").is_file(), "file URLs, not folders"
    assert (copy / "search" / "search_index.js").is_file()
    assert not (copy / ZIP).exists(), "the copy does not contain itself"
    for page in copy.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in html, page
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://(?![^"]*lastlayer\.github\.io)', html), page
    css = (copy / "assets" / "katex" / "katex.min.css").read_text(encoding="utf-8")
    assert "url(fonts/" not in css and "data:font/woff2;base64," in css


@pytest.fixture
def chromium(browser):
    return browser


def open_file(chromium, path: Path) -> tuple[Page, list[str], list[str]]:
    page = chromium.new_context().new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri(), wait_until="load")
    return page, requests, errors


def search(page: Page, query: str) -> list[str]:
    page.locator(".md-search__input").click()
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")  # Material searches on keyup; fill() sends none
    page.wait_for_selector(".md-search-result__item")
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


@pytest.mark.parametrize(
    ("start", "query"),
    [("index.html", "softmax"), ("zh/index.html", "有符号距离"), ("zh-Hant/index.html", "有號距離")],
)
def test_search_works_from_the_file_system(chromium, copy, start, query):
    """As online: results in the page's language only, and a Chinese phrase typed without
    spaces finds the page about it (the geometry page, for signed distance)."""
    page, requests, errors = open_file(chromium, copy / start)
    hits = search(page, query)
    folder = start.partition("/")[0] if "/" in start else ""
    assert hits and all(hit.startswith("file://") for hit in hits)
    site = copy.as_uri()
    pages = [hit.removeprefix(site + "/").split("#")[0].split("?")[0] for hit in hits]
    others = [f"{code}/" for code in ("zh", "zh-Hant") if code != folder]
    assert all(p.startswith(f"{folder}/") for p in pages) if folder else True, pages
    assert not [p for p in pages if p.startswith(tuple(others))], pages
    if folder:
        assert any(p.startswith(f"{folder}/geometry") for p in pages[:3]), pages
    assert [u for u in requests if not u.startswith(("file://", "data:", "blob:"))] == []
    assert errors == []
    page.context.close()


def test_pages_figures_and_math_render_from_the_file_system(chromium, copy):
    page, requests, errors = open_file(chromium, copy / "index.html")
    page.click('.md-nav__link[href="computation.html"]')
    page.wait_for_load_state("load")
    assert page.url.endswith("/computation.html")
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
    page.wait_for_function("[...document.images].every(i => i.complete)")
    broken = page.eval_on_selector_all("img", "els => els.filter(e => e.naturalWidth === 0).map(e => e.src)")
    assert broken == []
    assert page.locator(".katex").count() > 0
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('16px KaTeX_Main'))")
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('KaTeX_Main') && f.status === 'loaded')")
    assert [u for u in requests if not u.startswith(("file://", "data:", "blob:"))] == []
    assert errors == []
    page.goto((copy / "about.html").as_uri())
    assert "offline copy" in page.content()
    page.context.close()


def test_the_whole_search_query_set_answers_in_language_from_the_file_system(chromium, copy):
    """The query sets of tests/test_search.py, typed on each language's home page of the
    offline copy: the same bar as online (at least 9 of 10 with the teaching page in the first
    three, no other language in the first five)."""
    from test_search import CAPTURE, QUERIES, ask, folder, language_of

    for lang, queries in QUERIES.items():
        context = chromium.new_context()
        try:
            page = context.new_page()
            page.add_init_script(CAPTURE)
            page.goto((copy / folder(lang) / "index.html").as_uri(), wait_until="load")
            page.locator("input.md-search__input").click()
            misses = {}
            for query, teaching in queries:
                pages = [loc.split("#")[0].removesuffix(".html") for loc in ask(page, query)]
                assert not [p for p in pages[:5] if language_of(p) != lang], (lang, query, pages[:5])
                if f"{folder(lang)}{teaching.rstrip('/')}" not in pages[:3]:
                    misses[query] = pages[:3]
            assert len(misses) <= len(queries) // 10, (lang, misses)
        finally:
            context.close()
