"""Citable figures: one number and id in both languages, permalinks, downloads, citations,
the gallery and the site's citation file."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import matplotlib.image
import pytest
import yaml

from helpers import ROOT
from lastlayer import figures

SITE_URL = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["site_url"].rstrip("/")
FIGURE_IDS = sorted(p.stem for p in figures.discover())
CONTENT_PAGES = [
    "computation",
    "weighting",
    "templates",
    "geometry",
    "why-softmax",
    "learning",
    "explained",
    "fc-in-practice",
]


class Figures(HTMLParser):
    """Collects each <figure class="ll-figure">: its id, label, cite text and links."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: dict[str, dict] = {}
        self.ids: list[str] = []
        self.links: list[str] = []
        self._current: dict | None = None
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "figure" and "ll-figure" in a.get("class", ""):
            self._current = {"id": a["id"].removeprefix("fig-"), "label": "", "cite": "", "downloads": []}
            self.figures[self._current["id"]] = self._current
        if self._current is None:
            return
        if tag == "a" and "ll-figure__label" in a.get("class", ""):
            self._in = "label"
        elif tag == "details":
            self._in = "cite"
        elif tag == "a" and "download" in a:
            self._current["downloads"].append(a["href"])

    def handle_endtag(self, tag):
        if tag == "figure":
            self._current = None
        if tag in ("a", "details") and self._in == ("label" if tag == "a" else "cite"):
            self._in = None

    def handle_data(self, data):
        if self._current is not None and self._in:
            self._current[self._in] += data


def parse(path: Path) -> Figures:
    parser = Figures()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_html(site: Path, lang: str, page: str) -> Path:
    return site / ("" if lang == "en" else lang) / page / "index.html"


@pytest.fixture(scope="module")
def shown(site) -> dict[str, dict[str, tuple[str, dict]]]:
    """lang -> figure id -> (page, parsed figure)."""
    out: dict[str, dict] = {"en": {}, "zh": {}, "zh-Hant": {}}
    for lang in out:
        for page in CONTENT_PAGES:
            for fig_id, fig in parse(page_html(site, lang, page)).figures.items():
                assert fig_id not in out[lang], f"{fig_id} is shown on two pages"
                out[lang][fig_id] = (page, fig)
    return out


def test_every_figure_script_is_on_a_page_and_in_the_gallery(site, shown):
    for lang in ("en", "zh", "zh-Hant"):
        assert sorted(shown[lang]) == FIGURE_IDS, lang
        gallery = page_html(site, lang, "gallery").read_text(encoding="utf-8")
        for fig_id in FIGURE_IDS:
            assert f'id="gallery-{fig_id}"' in gallery, (lang, fig_id)


def test_ids_are_unique_on_every_page(site):
    for path in site.rglob("index.html"):
        ids = parse(path).ids
        duplicates = {i for i in ids if ids.count(i) > 1}
        assert not duplicates, f"{path}: {duplicates}"


def test_a_number_means_the_same_figure_in_both_languages(shown):
    numbers = {}
    for fig_id in FIGURE_IDS:
        en_page, en = shown["en"][fig_id]
        zh_page, zh = shown["zh"][fig_id]
        hant_page, hant = shown["zh-Hant"][fig_id]
        assert en_page == zh_page == hant_page
        n_en = int(re.fullmatch(r"Figure (\d+)", en["label"].strip())[1])
        n_zh = int(re.fullmatch(r"图 (\d+)", zh["label"].strip())[1])
        n_hant = int(re.fullmatch(r"圖 (\d+)", hant["label"].strip())[1])
        assert n_en == n_zh == n_hant, fig_id
        numbers[fig_id] = n_en
    assert sorted(numbers.values()) == list(range(1, len(FIGURE_IDS) + 1))


def test_citations_carry_the_real_permalink_number_and_licence(shown):
    for lang, word in (("en", "Figure"), ("zh", "图"), ("zh-Hant", "圖")):
        for fig_id, (_page, fig) in shown[lang].items():
            prefix = "" if lang == "en" else f"{lang}/"
            link = f"{SITE_URL}/{prefix}figures/{fig_id}/"  # the figure's own page
            number = fig["label"].strip()
            assert link in fig["cite"], (lang, fig_id)
            assert f"{number}" in fig["cite"] and number.startswith(word)
            assert "@misc{lastlayer-" in fig["cite"] and "CC BY 4.0" in fig["cite"]


def test_downloads_exist_and_open(site, shown):
    for lang in ("en", "zh", "zh-Hant"):
        for fig_id, (page, fig) in shown[lang].items():
            hrefs = fig["downloads"]
            assert [h.rsplit(".", 1)[1] for h in hrefs] == ["svg", "png", "pdf"], fig_id
            for href in hrefs:
                assert f"-{lang}-light." in href, "downloads are the light variant in the page's language"
                path = (page_html(site, lang, page).parent / href).resolve()
                data = path.read_bytes()
                if href.endswith(".svg"):
                    assert ET.fromstring(data).tag.endswith("svg")
                elif href.endswith(".png"):
                    assert matplotlib.image.imread(path).shape[0] > 300
                else:
                    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


def test_cross_page_reference_links_to_the_figure_on_its_page(site):
    links = parse(page_html(site, "zh", "geometry")).links
    assert "../computation/#fig-network_diagram" in links


def test_site_citation_page_has_bibtex_and_licences(site):
    for lang in ("en", "zh", "zh-Hant"):
        text = page_html(site, lang, "cite").read_text(encoding="utf-8")
        assert "@misc{lastlayer," in text and SITE_URL in text
        assert "CC BY 4.0" in text and "MIT" in text
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    assert "CC BY 4.0" in (ROOT / "LICENSE-CONTENT").read_text()


def cffconvert(path: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("cffconvert", path=str(Path(sys.executable).parent)) or "cffconvert"
    return subprocess.run([exe, "--validate", "-i", str(path)], capture_output=True, text=True)


def test_citation_cff_is_valid(tmp_path):
    result = cffconvert(ROOT / "CITATION.cff")
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "CITATION.cff"
    broken.write_text((ROOT / "CITATION.cff").read_text().replace("cff-version: 1.2.0", "cff-version: banana"))
    assert cffconvert(broken).returncode != 0
