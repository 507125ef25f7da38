"""A figure file found on its own says where it comes from: title, author, licence, its
address on the site and the hash of the inputs that drew it, in SVG, PNG and PDF."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from lastlayer import figures, project

SVG = "{http://www.w3.org/2000/svg}"
DC = "{http://purl.org/dc/elements/1.1/}"


def draw(lang="en", theme="light"):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 1.5))
    ax.plot([0, 1], [0, 1])
    ax.set_title({"en": "line", "zh": "直线"}[lang])
    return fig


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    out = tmp_path_factory.mktemp("meta")
    meta = figures.FigureMeta(
        id="tiny",
        path=out / "tiny.py",
        title={"en": "A tiny figure", "zh": "小图", "zh-Hant": "小圖"},
        caption={},
        alt={},
    )
    info = figures.file_info(meta, "zh-Hant", "0123abcd")
    targets = [(out / f"tiny.{fmt}", fmt) for fmt in ("svg", "png", "pdf")]
    figures.render(draw, "zh-Hant", "dark", targets, info)
    return out, info


def test_the_info_names_the_figure_its_author_licence_address_and_inputs(drawn):
    _, info = drawn
    assert info.title == "小圖" and info.author and "CC BY 4.0" in info.licence
    assert info.url == f"{project.SITE_URL}zh-Hant/figures/tiny/"  # the figure's own page
    assert info.key == "0123abcd"


def test_svg_carries_title_desc_and_dublin_core(drawn):
    out, info = drawn
    root = ET.parse(out / "tiny.svg").getroot()
    assert root.find(f"{SVG}title").text == info.title
    desc = root.find(f"{SVG}desc").text
    assert info.url in desc and info.key in desc and info.author in desc
    meta = root.find(f"{SVG}metadata")
    text = ET.tostring(meta, encoding="unicode")
    assert info.url in text and info.licence in text and f"inputs {info.key}" in text


def test_png_carries_text_chunks(drawn):
    out, info = drawn
    chunks = Image.open(out / "tiny.png").text
    assert chunks["Title"] == info.title and chunks["Author"] == info.author
    assert chunks["Source"] == info.url and chunks["Copyright"] == info.licence
    assert info.key in chunks["Comment"]


def pdf_info(raw: bytes) -> dict[str, str]:
    """The document information dictionary of a PDF matplotlib wrote (uncompressed; each
    value a literal string, UTF-16 with a byte-order mark when not ASCII)."""
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
    out = {}
    for key in (b"Title", b"Author", b"Subject", b"Keywords"):
        start = raw.index(b"/" + key + b" (") + len(key) + 3
        value, i = bytearray(), start
        while raw[i : i + 1] != b")":
            byte = raw[i : i + 1]
            if byte == b"\\":
                nxt = raw[i + 1 : i + 2]
                if nxt.isdigit():
                    octal = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4])[0]
                    value.append(int(octal, 8))
                    i += 1 + len(octal)
                    continue
                value += escapes.get(nxt, nxt)
                i += 2
                continue
            value += byte
            i += 1
        text = bytes(value)
        out[key.decode()] = text[2:].decode("utf-16-be") if text.startswith(b"\xfe\xff") else text.decode("latin-1")
    return out


def test_pdf_carries_document_information(drawn):
    out, info = drawn
    meta = pdf_info((out / "tiny.pdf").read_bytes())
    assert meta["Title"] == info.title and meta["Author"] == info.author
    assert meta["Subject"] == info.url
    assert info.licence in meta["Keywords"] and info.key in meta["Keywords"]


def test_the_same_inputs_draw_the_same_bytes(drawn, tmp_path):
    out, info = drawn
    again = tmp_path / "tiny.svg"
    figures.render(draw, "zh-Hant", "dark", [(again, "svg")], info)
    assert again.read_bytes() == (out / "tiny.svg").read_bytes()


def test_the_site_url_is_mkdocs_ones():
    import yaml

    config = yaml.load((project.ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["site_url"] == project.SITE_URL


def test_a_pdf_embeds_the_same_fonts_with_the_subsets_taken_from_the_cache(tmp_path, monkeypatch):
    """lastlayer/pdf_fonts.py: matplotlib's own subsetting, then the cached subset, give the
    same bytes, and the second draw does not subset again."""
    from matplotlib.backends import _backend_pdf_ps

    from lastlayer import pdf_fonts, style

    monkeypatch.setenv("LASTLAYER_GENERATED", str(tmp_path / "generated"))
    calls, matplotlibs = [], pdf_fonts._MATPLOTLIBS_OWN

    def counted(fontfile, glyphs):
        calls.append(str(fontfile))
        return matplotlibs(fontfile, glyphs)

    monkeypatch.setattr(pdf_fonts, "_MATPLOTLIBS_OWN", counted)
    with style.themed("zh", "light"):
        fig = draw("zh")
        monkeypatch.setattr(_backend_pdf_ps, "get_glyphs_subset", counted)
        fig.savefig(tmp_path / "own.pdf", format="pdf", metadata={"CreationDate": None})  # matplotlib alone
        own = len(calls)
        pdf_fonts.install()
        fig.savefig(tmp_path / "first.pdf", format="pdf", metadata={"CreationDate": None})  # fills the cache
        first = len(calls) - own
        fig.savefig(tmp_path / "second.pdf", format="pdf", metadata={"CreationDate": None})  # reads it
    assert own >= 2 and first == own, "a CJK and a Latin font, each subset once"
    assert len(calls) == own + first, "the second PDF subsets nothing"
    assert (
        (tmp_path / "own.pdf").read_bytes()
        == (tmp_path / "first.pdf").read_bytes()
        == (tmp_path / "second.pdf").read_bytes()
    )
    assert len(list((tmp_path / "generated" / "cache" / "pdf-font").glob("*.json"))) == own
