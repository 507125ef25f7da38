"""Figures as the reader sees them: whole on every screen, with text large enough to read.

On every page, at 1280 px and at 375 px, each figure shown lies inside the viewport width
(nothing cropped, no sideways scroll box), and the smallest text inside it, measured from
the glyph scale of the SVG the browser chose (the narrow layout on a phone) and the size it
displays it at, is at least ``MIN_TEXT_PX`` CSS pixels. The lightbox is tested in
test_browser.py.

The page's own text is legible on a phone too: at 375 px (a phone narrower than Lighthouse's),
every run of text the browser lays out, including text inside closed ``<details>`` (which
Chromium lays out and Lighthouse counts), is at least ``MIN_PAGE_TEXT_PX``, except the
scripts and fractions of typeset math.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import all_pages
from sweep import MIN_PAGE_TEXT_PX

#: The smallest figure text a reader should meet on a desktop page, in CSS pixels.
MIN_TEXT_PX = 11.0

# matplotlib draws each run of text as glyph paths inside
#   <g transform="translate(x y) [rotate(a)] scale(s -s)">  with s × 100 = the font size in pt.
GLYPH_SCALE = re.compile(r"scale\(\s*([0-9.]+)\s+-\1\s*\)")


def smallest_text_pt(svg: Path) -> tuple[float, float]:
    """(smallest font size drawn, in pt; the SVG's width, in pt)."""
    text = svg.read_text(encoding="utf-8")
    root = ET.fromstring(text)
    width = float(root.get("viewBox").split()[2])
    sizes = [float(s) * 100 for s in GLYPH_SCALE.findall(text)]
    assert sizes, f"{svg.name}: no text found (has matplotlib changed how it writes text?)"
    return min(sizes), width


def test_glyph_scale_reading_matches_matplotlib(tmp_path):
    """The reading of font sizes above, checked against a figure whose sizes are known."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_title("title", fontsize=14)
    ax.set_xlabel("x label", fontsize=9)
    ax.tick_params(labelsize=10)
    fig.savefig(tmp_path / "f.svg")
    plt.close(fig)
    smallest, width = smallest_text_pt(tmp_path / "f.svg")
    assert smallest == pytest.approx(9.0) and width == pytest.approx(288.0)


FIGURE_PAGES = [p for p in all_pages() if "/notebooks/" not in p and not p.rstrip("/").endswith("cite")]


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", FIGURE_PAGES)
def test_every_figure_is_whole_and_its_text_legible(sweep, site, base_url, path, width):
    report = sweep(path)
    v = report.desktop if width == 1280 else report.phone
    assert v.viewport == width
    prefix = urlsplit(base_url).path.rstrip("/") + "/"
    chosen = set()
    for fig in v.figures:
        name = fig["src"].split("#")[0]
        assert fig["left"] >= -0.5 and fig["right"] <= width + 0.5, f"{path}: {name} is cropped at {width}px"
        if not fig["inFigure"]:
            continue  # the gallery's and home page's thumbnails link to the figure itself
        # The drawing the browser chose (the narrow layout on a phone), as displayed.
        served = urlsplit(fig["current"]).path
        assert served.startswith(prefix), f"{path}: {fig['current']} is not a file of the site"
        svg = site / served[len(prefix) :]
        chosen.add(svg.name)
        pt, svg_width_pt = smallest_text_pt(svg)
        px = pt * fig["width"] / svg_width_pt
        assert px >= MIN_TEXT_PX, f"{path}: {svg.name} has text at {px:.1f} CSS px at {width}px (< {MIN_TEXT_PX})"
    if chosen and width == 375:
        assert any(n.endswith(".narrow.svg") for n in chosen), f"{path}: the phone was given no narrow layout"


@pytest.mark.parametrize("path", all_pages())
def test_page_text_is_legible_on_a_phone(sweep, path):
    small = sweep(path).phone.small_text
    assert small == {}, f"{path}: text under {MIN_PAGE_TEXT_PX} px at 375 px: {small}"


#: The longest run of prose a phone reader scrolls through without a figure, formula, list,
#: table or widget (a phone screen and a half).
MAX_PROSE_PX = 1100


@pytest.mark.parametrize("path", all_pages())
def test_no_wall_of_prose_on_a_phone(sweep, path):
    run = sweep(path).phone.longest_prose
    assert run["px"] <= MAX_PROSE_PX, f"{path}: {run['px']:.0f} px of prose at 375 px, ending at {run['at']!r}"
