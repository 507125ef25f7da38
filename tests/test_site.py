"""The built site: both languages, strict, translated, and self-contained."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from helpers import ROOT
from lastlayer import project

DOCS = ROOT / "docs"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(path: Path) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "assets" not in p.parts)


def test_strict_build_has_no_warnings(build):
    # MkDocs' own format; a notebook kernel's log lines ("[IPKernelApp] WARNING | ...") are not the site's.
    assert not re.search(r"^WARNING\s+-", build.log, re.M), build.log
    assert (build.site / "index.html").is_file()
    assert (build.site / "zh" / "index.html").is_file()
    assert (build.site / "zh-Hant" / "index.html").is_file()


def test_every_page_has_a_translation():
    english = {p.relative_to(DOCS) for p in DOCS.rglob("*.md") if not p.name.endswith(".zh.md")}
    chinese = {p.relative_to(DOCS).with_name(p.name.replace(".zh.md", ".md")) for p in DOCS.rglob("*.zh.md")}
    assert english, "no pages found"
    assert english == chinese, f"missing zh: {english - chinese}; missing en: {chinese - english}"


def test_nav_labels_are_translated():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    zh = next(lang for lang in i18n["languages"] if lang["locale"] == "zh")
    labels = [next(iter(item)) for item in config["nav"]]
    assert set(labels) <= set(zh["nav_translations"]), "every nav label needs a Chinese translation"


def test_html_lang_matches_the_language(site):
    for page in pages(site):
        html_tag = next(attrs for tag, attrs in tags(page) if tag == "html")
        first = page.relative_to(site).parts[0]
        expected = first if first in ("zh", "zh-Hant") else "en"
        assert html_tag.get("lang") == expected, page


def test_chinese_pages_show_chinese_nav_and_title(site):
    text = (site / "zh" / "computation" / "index.html").read_text(encoding="utf-8")
    assert "计算过程" in text
    assert "最后一层" in text  # translated site name
    text = (site / "zh-Hant" / "computation" / "index.html").read_text(encoding="utf-8")
    assert "計算過程" in text and "最後一層" in text


def test_the_themes_english_strings_are_in_the_pages_language(site):
    """What the theme and the toc extension write in English whatever the language (the
    headings' link tooltip, the colon of the footer's labels), and the search box's prompt."""
    import json

    from lastlayer import languages

    for lang in ("zh", "zh-Hant"):
        permalink = languages.text("theme.permalink", lang)
        colon = languages.text("theme.label_colon", lang)
        for page in pages(site / lang):
            text = page.read_text(encoding="utf-8")
            name = page.relative_to(site)
            assert 'title="Permanent link"' not in text, name
            labels = re.findall(r'class="md-footer__link[^"]*" aria-label="([^"]*)"', text)
            assert all(colon in label and ": " not in label for label in labels), (name, labels)
        text = (site / lang / "computation" / "index.html").read_text(encoding="utf-8")
        assert f'title="{permalink}"' in text and permalink != languages.text("theme.permalink", "en")
        assert re.search(r'aria-label="[^"]+：', text)
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.S)[1])
        prompt = languages.data("theme.strings", lang)["search.result.placeholder"]
        assert config["translations"]["search.result.placeholder"] == prompt


def test_language_switcher_points_to_the_same_page(site):
    links = [a for tag, a in tags(site / "computation" / "index.html") if tag == "a" and a.get("hreflang") == "zh"]
    assert links and all(a["href"].rstrip("/").endswith("zh/computation") for a in links), links
    links = [
        a for tag, a in tags(site / "zh" / "computation" / "index.html") if tag == "a" and a.get("hreflang") == "en"
    ]
    assert links and all(a["href"].rstrip("/").endswith("computation") and "zh" not in a["href"] for a in links), links


EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def test_pages_load_nothing_from_other_hosts(site):
    for page in pages(site):
        for tag, attrs in tags(page):
            loaded = {"script": "src", "img": "src", "iframe": "src", "source": "srcset", "link": "href"}
            attr = loaded.get(tag)
            if tag == "link" and attrs.get("rel") not in ("stylesheet", "preload", "modulepreload", "icon"):
                continue
            if attr and attrs.get(attr):
                assert not EXTERNAL.match(attrs[attr]), f"{page}: <{tag} {attr}={attrs[attr]}>"
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css
        assert "@import" not in css.read_text(encoding="utf-8"), css


def test_math_is_rendered_on_the_server(site):
    for page in (site / "index.html", site / "zh" / "computation" / "index.html"):
        text = page.read_text(encoding="utf-8")
        assert 'class="katex"' in text and "<math" in text, page
        assert "\\(" not in text and "\\[" not in text, f"{page}: unrendered TeX left"
        assert "mathjax" not in text.lower() and "katex.min.js" not in text, page


def test_the_mathml_names_operators_as_a_screen_reader_reads_them(site):
    """\\log, \\cos, \\max, \\ln: a name in the MathML (what a screen reader reads), never the TeX
    command; the TeX source stays only in the annotation."""
    named = 0
    for page in site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        for mathml in re.findall(r"<semantics>(.*?)<annotation", text, re.S):
            assert "\\" not in mathml, f"{page.relative_to(site)}: {mathml[:200]}"
            named += len(re.findall(r"<mi>(?:log|cos|max|ln)</mi>", mathml))
    assert named > 10


def test_about_page_explains_credits_and_says_how_to_build(site):
    about = (("about/index.html", ("figure", "inspired")), ("zh/about/index.html", ("图", "启发")))
    for page, words in ((site / path, words) for path, words in about):
        text = re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))  # code is split into spans
        assert "直观理解神经网络最后一层全连接+Softmax" in text
        assert "pip install -r requirements.txt" in text and "mkdocs serve" in text
        assert "bash scripts/dev serve" in text
        for word in words:
            assert word in text, (page, word)


def test_numbers_on_the_page_are_the_computed_ones(site):
    from lastlayer import values

    for page in (site / "computation/index.html", site / "zh/computation/index.html"):
        text = page.read_text(encoding="utf-8")
        for name in ("worked.exp_sum", "worked.gap.0.1", "worked.ratio.0.1"):
            assert values.lookup(name) in text, (page, name)
        assert "{%" not in text, f"{page}: a shortcode was left unexpanded"


def test_figure_is_shown_in_the_page_language_with_both_theme_variants(site):
    for page, lang, word in (
        (site / "computation/index.html", "en", "Figure 1"),
        (site / "zh/computation/index.html", "zh", "图 1"),
    ):
        imgs = [a for tag, a in tags(page) if tag == "img" and "softmax_pipeline" in a.get("src", "")]
        srcs = sorted(a["src"].rsplit("/", 1)[1] for a in imgs)
        assert srcs == [f"softmax_pipeline-{lang}-dark.svg#only-dark", f"softmax_pipeline-{lang}-light.svg#only-light"]
        assert all(a.get("alt") for a in imgs)
        for a in imgs:
            assert (page.parent / a["src"].split("#")[0]).resolve().is_file()
        # Each inside a <picture> whose source gives a narrow screen the narrow layout.
        sources = [a for tag, a in tags(page) if tag == "source" and "softmax_pipeline" in a.get("srcset", "")]
        assert sorted(a["srcset"].rsplit("/", 1)[1] for a in sources) == [
            f"softmax_pipeline-{lang}-{theme}.narrow.svg" for theme in ("dark", "light")
        ]
        for a in sources:
            assert a["media"] == project.NARROW_MEDIA and int(a["width"]) < int(imgs[0]["width"])
            assert (page.parent / a["srcset"]).resolve().is_file()
        assert word in page.read_text(encoding="utf-8")


def test_search_index_holds_segmented_chinese(site):
    import json

    text = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    # UTF-8 text: Chinese characters as themselves, not as \uXXXX escapes (6 bytes each).
    assert "最后" in text and not re.search(r"\\u[4-9][0-9a-fA-F]{3}", text)
    index = json.loads(text)
    assert index["config"]["separator"] == r"[\s\u200b\-]"
    zh_docs = [d for d in index["docs"] if d["location"].startswith("zh/")]
    assert zh_docs and any("\u200b" in d["text"] for d in zh_docs), "Chinese text was not segmented by jieba"


def test_search_index_holds_each_formula_once(site):
    """A formula is indexed by the text of its visual rendering only: not again by its MathML
    copy, nor by its TeX source (hooks/katex.py marks the MathML for search to skip)."""
    import json

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    home = next(d for d in index["docs"] if d["location"] == "#the-last-layer-of-a-classifier")
    assert "x∈Rn," in home["text"] and "x∈Rnx∈Rn" not in home["text"]
    prose = [d for d in index["docs"] if "notebooks/" not in d["location"]]  # notebook code has TeX labels
    assert not any("\\mathbf" in d["text"] or "\\frac" in d["text"] for d in prose)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "data-search-exclude" not in html, "search removes its marks from the page"
