"""Search as a reader uses it: a query set per language, typed into the search box of that
language's home page. For at least 9 of 10 queries the page that teaches the term is among
the first three results, and no result in the first five is in another language; Chinese
phrases typed without spaces find their pages.

The results are read from the search worker's answer to each query (what the result list
shows, in its order), captured by an init script; one page load per language.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from lastlayer import languages

#: (query, the page that teaches it). Written before the ranking was changed.
QUERIES = {
    "en": [
        ("temperature", "why-softmax/"),
        ("ArcFace", "explained/"),
        ("hyperplane", "geometry/"),
        ("signed distance", "geometry/"),
        ("template matching", "templates/"),
        ("gradient of the cross-entropy", "learning/"),
        ("log-sum-exp", "why-softmax/"),
        ("weight decay", "explained/"),
        ("global average pooling", "fc-in-practice/"),
        ("calibration", "why-softmax/"),
        ("regularisation", "weighting/"),
        ("matrix product", "computation/"),
    ],
    "zh": [
        ("温度", "why-softmax/"),
        ("超平面", "geometry/"),
        ("有符号距离", "geometry/"),
        ("交叉熵的梯度", "learning/"),
        ("全局平均池化", "fc-in-practice/"),
        ("模板匹配", "templates/"),
        ("softmax 温度", "why-softmax/"),
        ("权重衰减", "explained/"),
        ("校准", "why-softmax/"),
        ("正则化", "weighting/"),
    ],
    "zh-Hant": [
        ("溫度", "why-softmax/"),
        ("超平面", "geometry/"),
        ("有號距離", "geometry/"),
        ("交叉熵的梯度", "learning/"),
        ("全域平均池化", "fc-in-practice/"),
        ("模板匹配", "templates/"),
        ("softmax 溫度", "why-softmax/"),
        ("權重衰減", "explained/"),
        ("校準", "why-softmax/"),
        ("正則化", "weighting/"),
    ],
}

#: Records the search worker's answers (message type 3) as the theme receives them.
CAPTURE = """(() => {
  window.__llAnswers = [];
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (type === 'message' && typeof Worker !== 'undefined' && this instanceof Worker) {
      const inner = listener;
      listener = function (event) {
        if (event.data && event.data.type === 3) window.__llAnswers.push(event.data.data);
        return typeof inner === 'function' ? inner.call(this, event) : inner.handleEvent(event);
      };
    }
    return add.call(this, type, listener, options);
  };
})();"""


def folder(lang: str) -> str:
    return "" if lang == languages.DEFAULT else f"{lang}/"


def language_of(location: str) -> str:
    return next((c for c in languages.CODES if folder(c) and location.startswith(folder(c))), languages.DEFAULT)


def ask(page: Page, query: str) -> list[str]:
    """Type ``query`` and return the result pages' locations in the order shown."""
    before = page.evaluate("window.__llAnswers.length")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # the theme searches on keyup; fill() alone sends none for CJK text
    page.wait_for_function("n => window.__llAnswers.length > n", arg=before, timeout=30_000)
    return page.evaluate("window.__llAnswers[window.__llAnswers.length - 1].items.map(item => item[0].location)")


@pytest.fixture(scope="module")
def answers(browser, base_url) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for lang, queries in QUERIES.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.add_init_script(CAPTURE)
            page.goto(f"{base_url}/{folder(lang)}", wait_until="load")
            page.locator("input.md-search__input").click()
            out[lang] = {query: ask(page, query) for query, _ in queries}
            # The list the reader sees follows the answer.
            shown = page.locator(".md-search-result__item > a").first.get_attribute("href")
            assert shown, "no result shown"
        finally:
            context.close()
    return out


@pytest.mark.parametrize("lang", list(QUERIES))
def test_results_stay_in_the_readers_language(answers, lang):
    foreign = {q: [loc for loc in locs[:5] if language_of(loc) != lang] for q, locs in answers[lang].items()}
    assert {q: f for q, f in foreign.items() if f} == {}


@pytest.mark.parametrize("lang", list(QUERIES))
def test_the_page_that_teaches_a_term_is_in_the_first_three(answers, lang):
    misses = {}
    for query, page in QUERIES[lang]:
        top = [loc.split("#")[0] for loc in answers[lang][query][:3]]
        if f"{folder(lang)}{page}" not in top:
            misses[query] = top
    assert len(misses) <= len(QUERIES[lang]) // 10, misses


@pytest.mark.parametrize("lang", ["zh", "zh-Hant"])
def test_chinese_phrases_without_spaces_find_their_pages(answers, lang):
    phrases = [(q, p) for q, p in QUERIES[lang] if len(q) >= 4 and " " not in q]
    assert phrases
    for query, page in phrases:
        assert any(loc.startswith(f"{folder(lang)}{page}") for loc in answers[lang][query]), (
            query,
            answers[lang][query],
        )


@pytest.mark.parametrize("lang", list(QUERIES))
def test_articles_rank_above_notebooks_and_the_gallery(answers, lang):
    """For every query, no notebook or gallery page comes before the article that teaches it."""
    for query, page in QUERIES[lang]:
        locs = [loc.split("#")[0] for loc in answers[lang][query]]
        article = f"{folder(lang)}{page}"
        if article not in locs:
            continue
        before = locs[: locs.index(article)]
        assert not [loc for loc in before if "/notebooks/" in f"/{loc}" or "gallery/" in loc], (query, locs[:5])


def test_restating_pages_weigh_less_online_and_offline():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "search_hook", languages.__file__.replace("lastlayer/languages.py", "hooks/search.py")
    )
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    for url in (
        "zh/notation/",
        "zh/notation.html",
        "notebooks/learning/",
        "notebooks/learning.html",
        "zh-Hant/errata/",
    ):
        assert hook.boost(url) is not None and hook.boost(url) < 1, url
    for url in ("geometry/", "zh/geometry.html", "", "index.html"):
        assert hook.boost(url) is None, url
