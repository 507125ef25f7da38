"""Every figure has its own page in every language (hooks/figure_pages.py): the figure, where
it appears, downloads of both variants, a citation naming the page, the script and the
project code it calls, and the command that draws it; every figure links to its page."""

from __future__ import annotations

import gzip
import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import ROOT
from lastlayer import figure_source, figures, languages

FIGURE_IDS = [p.stem for p in figures.discover(ROOT / "figures")]
LANGS = list(languages.CODES)
SITE_URL = "https://lastlayer.github.io/lastlayer"


def folder(lang: str) -> str:
    return "" if lang == languages.DEFAULT else f"{lang}/"


def page_path(site: Path, fig_id: str, lang: str) -> Path:
    return site / folder(lang) / "figures" / fig_id / "index.html"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict] = []
        self.code_blocks = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a)
        if tag == "div" and "highlight" in (a.get("class") or "").split():
            self.code_blocks += 1


def links(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def plain(path: Path) -> str:
    """A page's text without tags, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_every_figure_has_a_page_with_its_figure_downloads_citation_and_code(site, fig_id, lang):
    path = page_path(site, fig_id, lang)
    assert path.is_file(), f"no page for {fig_id} in {lang}"
    source = path.read_text(encoding="utf-8")
    meta = figures.load_meta(ROOT / "figures" / f"{fig_id}.py")
    text = plain(path)
    # The number, title and caption, and the figure itself in both schemes.
    assert meta.title[lang] in text and meta.caption[lang] in text
    assert f'<figure class="ll-figure ll-figure--page" id="fig-{fig_id}">' in source
    for theme in figures.THEMES:
        assert figures.output_name(fig_id, lang, theme, "svg") in source
    # Sections with the same anchors in every language.
    for anchor in ("where", "download", "cite", "source", "shared", "reproduce"):
        assert f'id="{anchor}"' in source, anchor
    # Downloads: SVG, PNG and PDF of both variants, each a file of the site.
    found = links(path)
    downloads = [a["href"] for a in found.links if "download" in a and not a["href"].endswith(".py")]
    expected = {figures.output_name(fig_id, lang, t, f) for t in figures.THEMES for f in ("svg", "png", "pdf")}
    assert {h.rsplit("/", 1)[-1] for h in downloads} == expected
    for href in downloads:
        assert (path.parent / href).resolve().is_file(), href
    # The citation names this page.
    permalink = f"{SITE_URL}/{folder(lang)}figures/{fig_id}/"
    assert permalink in text and "@misc{lastlayer-" in text
    # The script, whole, highlighted, and downloadable as it is in the repository.
    script = (ROOT / "figures" / f"{fig_id}.py").read_text(encoding="utf-8")
    assert script.strip() in text
    py = [a["href"] for a in found.links if a["href"].endswith(f"{fig_id}.py")]
    assert py and (path.parent / py[0]).resolve().read_text(encoding="utf-8") == script
    # The project code it calls, each definition from its module.
    shared = figure_source.shared_code(ROOT / "figures" / f"{fig_id}.py")
    assert shared, "every figure script uses the project's style at least"
    for definition in shared:
        assert f"# lastlayer/{definition.module}.py, line {definition.line}\n{definition.source}" in text
    modules = {d.module for d in shared}
    assert source.count('<pre class="ll-excerpt">') == len(modules)  # one excerpt per module
    assert found.code_blocks == 2  # highlighted: the script and the commands
    # How to draw it: the command, the libraries and the version built from.
    assert f"git checkout {version_label(site)}\n" in text and "pip install -r requirements.txt" in text
    assert f"python figures/{fig_id}.py {lang} light out.svg" in text
    assert re.search(r"matplotlib\s\d+\.\d+", text) and re.search(r"numpy\s\d+\.\d+", text)


def version_label(site: Path) -> str:
    """The version the site was built from, as its citation page gives it."""
    cite = plain(site / "cite" / "index.html")
    return re.search(r"version (\S+?)\. https://", cite)[1]


def test_a_figure_page_names_where_the_figure_appears(site):
    path = page_path(site, "network_diagram", "zh")
    hrefs = [a["href"] for a in links(path).links]
    assert "../../computation/#fig-network_diagram" in hrefs  # shown there
    assert "../../geometry/#ref-network_diagram" in hrefs  # referred to there, at the place
    assert "../../gallery/#gallery-network_diagram" in hrefs  # and its entry among every figure
    for href in ("../../geometry/#ref-network_diagram", "../../gallery/#gallery-network_diagram"):
        target, anchor = href.split("#")
        text = (path.parent / target / "index.html").read_text(encoding="utf-8")
        assert text.count(f'id="{anchor}"') == 1, href


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_on_a_content_page_and_in_the_gallery_links_to_its_page(site, lang):
    expected = {f"figures/{fig_id}/" for fig_id in FIGURE_IDS}
    code_links = set()
    for page in site.joinpath(folder(lang) or ".").glob("*/index.html"):
        for a in links(page).links:
            if "ll-figure__code" in (a.get("class") or ""):
                code_links.add(
                    str((page.parent / a["href"]).resolve().relative_to((site / folder(lang)).resolve())) + "/"
                )
    assert code_links == expected
    gallery = site / folder(lang) / "gallery" / "index.html"
    hrefs = {(gallery.parent / a["href"]).resolve() for a in links(gallery).links}
    for fig_id in FIGURE_IDS:
        assert page_path(site, fig_id, lang).parent.resolve() in hrefs, fig_id


def test_the_language_switcher_of_a_figure_page_goes_to_the_same_figure(site):
    path = page_path(site, "softmax_temperature", "zh")
    switcher = {a["hreflang"]: a["href"] for a in links(path).links if a.get("hreflang")}
    assert sorted(switcher) == sorted(LANGS)
    for lang, href in switcher.items():
        assert (path.parent / href / "index.html").resolve() == page_path(site, "softmax_temperature", lang).resolve()


def test_figure_pages_are_in_the_sitemap_and_the_search_index(site):
    sitemap = ET.fromstring(gzip.decompress((site / "sitemap.xml.gz").read_bytes()))
    locations = {el.text for el in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for lang in LANGS:
        for fig_id in FIGURE_IDS:
            assert f"{SITE_URL}/{folder(lang)}figures/{fig_id}/" in locations, (lang, fig_id)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    meta = figures.load_meta(ROOT / "figures" / "softmax_temperature.py")
    for lang in LANGS:
        title = titles.get(f"{folder(lang)}figures/softmax_temperature/")
        assert title and meta.title[lang].replace(" ", "") in title.replace(" ", "").replace("\u200b", ""), lang
    # The code is for reading, not for search: the index does not carry it.
    body = " ".join(doc["text"] for doc in index["docs"] if "figures/softmax_temperature/" in doc["location"])
    assert "def draw(" not in body and "show_or_save" not in body


def test_the_shared_code_is_found_in_the_source_not_listed_by_hand(tmp_path):
    package = tmp_path / "lastlayer"
    package.mkdir()
    (package / "style.py").write_text(
        "from lastlayer import maths\n\n# The colours.\nINK = 'k'\n\n\ndef colors():\n    return _mix(INK)\n\n\n"
        "def _mix(c):\n    return maths.half(c)\n\n\ndef unused():\n    pass\n"
    )
    (package / "maths.py").write_text("def half(x):\n    return x\n")
    (package / "cache.py").write_text("def atomic_write():\n    pass\n")
    script = tmp_path / "fig.py"
    script.write_text("from lastlayer import cache, style\n\nstyle.colors()\ncache.atomic_write()\n")
    found = figure_source.shared_code(script, package_dir=package)
    assert [d.qualname for d in found] == [
        "lastlayer.style.colors",
        "lastlayer.style._mix",
        "lastlayer.style.INK",
        "lastlayer.maths.half",
    ]
    assert found[2].source == "# The colours.\nINK = 'k'"  # with the comment above it
