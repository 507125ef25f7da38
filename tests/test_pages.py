"""Page sources and built pages: numbers come from code, Chinese follows the style guide."""

from __future__ import annotations

import re
from pathlib import Path

import autocorrect_py
import pytest

from helpers import ROOT
from lastlayer import languages, values

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
SHORTCODE = re.compile(r"\{%\s*(\w+)\s+([\w.\-]+)\s*%\}")


def prose(text: str) -> str:
    """Markdown without fenced code, inline code, shortcodes and link targets."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`]*`", "", text)
    text = SHORTCODE.sub("", text)
    text = re.sub(r"<https?://[^>]+>", "", text)
    # Versions, not computed numbers.
    text = re.sub(r"(Python|CC BY|Attribution|署名) \d+\.\d+", r"\1", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_hand_typed_decimal_numbers(page):
    # A computed number is quoted with {% num %}; a decimal typed into prose would drift.
    typed = re.findall(r"(?<![\w.])\d+\.\d+", prose(page.read_text(encoding="utf-8")))
    assert typed == [], f"{page.name}: decimals typed by hand: {typed}"


def built_text(site: Path, page: Path) -> str:
    stem = page.name.removesuffix(".zh.md").removesuffix(".md")
    folder = site / ("zh" if page.name.endswith(".zh.md") else "") / ("" if stem == "index" else stem)
    html = (folder / "index.html").read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_built_pages_show_the_computed_numbers(site, page):
    lang = "zh" if page.name.endswith(".zh.md") else "en"
    text = built_text(site, page)
    for kind, name in SHORTCODE.findall(page.read_text(encoding="utf-8")):
        if kind == "num":
            assert values.lookup(name, lang) in text, f"{page.name}: {name}"
    assert "{%" not in text


def test_both_languages_quote_the_same_numbers_and_figures():
    for page in DOCS.glob("*.zh.md"):
        english = page.with_name(page.name.replace(".zh.md", ".md"))
        zh_codes = [c for c in SHORTCODE.findall(page.read_text(encoding="utf-8")) if c[0] != "ref"]
        en_codes = [c for c in SHORTCODE.findall(english.read_text(encoding="utf-8")) if c[0] != "ref"]
        assert sorted(zh_codes) == sorted(en_codes), page.name
        zh_figs = [n for k, n in zh_codes if k == "figure"]
        assert zh_figs == [n for k, n in en_codes if k == "figure"], f"{page.name}: figure order differs"


def expanded(page: Path) -> str:
    """The page's Markdown with shortcodes replaced by what the reader sees."""

    def expand(match: re.Match) -> str:
        kind, name = match[1], match[2]
        if kind == "num":
            return values.lookup(name, "zh")
        return "图 1" if kind == "ref" else ""

    return SHORTCODE.sub(expand, page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.zh.md")), ids=lambda p: p.name)
def test_chinese_passes_the_copywriting_linter(page):
    result = autocorrect_py.lint_for(expanded(page), str(page))
    problems = [f"line {line.line}: {line.old!r} -> {line.new!r}" for line in result.lines]
    assert problems == [], "\n".join(problems)


def test_the_linter_catches_a_missing_space():
    assert autocorrect_py.lint_for("特征向量x有4个分量", "probe.md").lines


#: Synonyms that the glossary (shared/brief/CONTENT.md) replaces with one term.
NOT_GLOSSARY = {
    "权值": "权重",
    "全联接": "全连接",
    "偏差项": "偏置",
    "偏置项": "偏置",
    "模版": "模板",
    "法线": "法向量",
    "带符号距离": "有符号距离",
    "带正负的距离": "有符号距离",
    "决策面": "决策边界",
    "Softmax": "softmax",
}


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.zh.md")), ids=lambda p: p.name)
def test_glossary_terms_are_used_consistently(page):
    text = prose(page.read_text(encoding="utf-8"))
    text = text.replace("全连接+Softmax", "")  # the source article's title, quoted in the credit
    text = text.replace("A-Softmax", "")  # SphereFace's loss, by its own name
    for wrong, right in NOT_GLOSSARY.items():
        assert wrong not in text, f"{page.name}: use {right!r}, not {wrong!r}"
    for figure in (ROOT / "figures").glob("*.py"):
        source = figure.read_text(encoding="utf-8")
        for wrong in ("权值", "模版", "法线", "带符号距离"):
            assert wrong not in source, f"{figure.name}: {wrong}"


def article_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    article = html[html.index('<article class="md-content__inner') : html.index("</article>")]
    return re.sub(r"<[^>]+>", "", article)


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.zh.md")), ids=lambda p: p.name)
def test_traditional_page_is_the_conversion_of_the_simplified_one(site, page):
    """Each zh-Hant page is its zh page converted (links aside): text, numbers, captions, tables."""
    stem = page.name.removesuffix(".zh.md")
    folder = "" if stem == "index" else stem
    # Links and the widgets' language tag name the language; everything else is converted text.
    zh = article_text(site / "zh" / folder / "index.html")
    zh = zh.replace("/zh/", "/zh-Hant/").replace('"lang":"zh"', '"lang":"zh-Hant"')
    # So do the figures' BibTeX keys (lastlayer-<figure>-zh, -zh-hant).
    zh = re.sub(r"(@misc\{lastlayer-[\w-]+)-zh,", r"\1-zh-hant,", zh)
    hant = article_text(site / "zh-Hant" / folder / "index.html")
    # KaTeX draws a few glyphs with private-use code points (‖ as U+E020), which the converter
    # reserves for its placeholders: they are the same in both pages, so set them aside.
    private = re.compile("[\ue000-\uf8ff]")
    assert private.sub("", hant) == languages.convert(private.sub("", zh), "zh-Hant")


def test_traditional_pages_use_the_reviewed_terms(site):
    text = "".join(
        article_text(site / "zh-Hant" / page / "index.html") for page in ("computation", "fc-in-practice", "explained")
    )
    assert "全連接層" in text and "機率" in text and "「" in text and "全域平均池化" in text
    for wrong in ("全連線層", "引數", "畫素", "全域性", "全连接", "概率", "“"):
        assert wrong not in text, wrong
