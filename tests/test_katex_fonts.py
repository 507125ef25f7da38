"""Which KaTeX fonts a formula needs, read from KaTeX's own stylesheet."""

from __future__ import annotations

import pytest
from markdown_katex_rs import _rust as katex

from helpers import ROOT
from lastlayer.katex_fonts import (
    codepoints,
    drawable,
    drawn_text,
    font_rules,
    stylesheet_with_subsets,
    subset_font,
    unicode_range,
)

STYLESHEET = ROOT / "docs" / "assets" / "katex" / "katex.min.css"
FONTS = STYLESHEET.parent / "fonts"


def fonts(tex: str, display: bool = False) -> list[str]:
    return list(drawn_text(katex.render_math(tex, display), STYLESHEET))


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        ("1 + 2", ["KaTeX_Main-Regular"]),
        ("x", ["KaTeX_Math-Italic"]),
        ("z_i = w x + b", ["KaTeX_Math-Italic", "KaTeX_Main-Regular"]),
        (r"\mathbf{w}", ["KaTeX_Main-Bold"]),
        (r"\mathbb{R}", ["KaTeX_AMS-Regular"]),
        (r"\mathcal{L}", ["KaTeX_Caligraphic-Regular"]),
        (r"\boldsymbol{\theta}", ["KaTeX_Math-BoldItalic"]),
        (r"\text{\textbf{a}}", ["KaTeX_Main-Bold"]),
    ],
)
def test_each_formula_needs_the_fonts_its_glyphs_are_drawn_in(tex, expected):
    assert fonts(tex) == expected


def test_big_operators_and_delimiters_use_the_size_fonts():
    assert "KaTeX_Size2-Regular" in fonts(r"\sum_{j=1}^{K} e^{z_j}", display=True)
    assert "KaTeX_Size1-Regular" in fonts(r"\sum_j e^{z_j}")
    assert "KaTeX_Size1-Regular" in fonts(r"\left(\frac{a}{b}\right)")


def test_the_mathml_copy_is_not_drawn_in_katex_fonts():
    html = katex.render_math(r"\mathbf{w}", False)
    assert "<math" in html
    mathml_only = html[html.index('<span class="katex-mathml">') : html.index('<span class="katex-html"')]
    assert drawn_text(mathml_only, STYLESHEET) == {}


def test_text_outside_formulas_needs_no_katex_font():
    assert drawn_text("<p>The <strong>softmax</strong> layer</p>", STYLESHEET) == {}


def test_a_stylesheet_without_katex_rules_is_an_error(tmp_path):
    css = tmp_path / "other.css"
    css.write_text(".md-typeset{font-family:serif}")
    with pytest.raises(ValueError, match=r"other\.css"):
        font_rules(css)


def test_the_characters_drawn_in_each_font_are_collected():
    drawn = drawn_text(katex.render_math(r"z_i = \mathbf{w} x + b < 1", False), STYLESHEET)
    assert drawn == {"KaTeX_Math-Italic": "bixz", "KaTeX_Main-Regular": "+1<=\u200b", "KaTeX_Main-Bold": "w"}


def test_characters_a_font_has_no_glyph_for_are_left_to_the_next_font():
    drawn = drawn_text(katex.render_math(r"x \text{因此}", False), STYLESHEET)
    assert drawn["KaTeX_Main-Regular"] == "因此"
    assert drawable(drawn, FONTS) == {"KaTeX_Math-Italic": "x"}


def test_a_subset_keeps_exactly_the_glyphs_asked_for_and_is_reproducible():
    import io

    from fontTools.ttLib import TTFont

    data = subset_font(FONTS / "KaTeX_Main-Regular.woff2", "()+0123456789=")
    assert data == subset_font(FONTS / "KaTeX_Main-Regular.woff2", "()+0123456789=")
    assert set(TTFont(io.BytesIO(data)).getBestCmap()) == {ord(c) for c in "()+0123456789="}
    assert len(data) < (FONTS / "KaTeX_Main-Regular.woff2").stat().st_size / 4


def test_unicode_ranges_join_neighbouring_characters():
    assert unicode_range([0x28, 0x29, 0x2B, 0x30, 0x31, 0x32, 0x3B8]) == "U+28-29,U+2B,U+30-32,U+3B8"


def test_the_stylesheet_takes_subsets_first_and_full_files_only_for_the_rest():
    css = stylesheet_with_subsets(STYLESHEET.read_text(encoding="utf-8"), {"KaTeX_Main-Bold": "wxyz"}, FONTS)
    faces = [f for f in css.split("@font-face")[1:] if "KaTeX_Main-Bold." in f]
    assert len(faces) == 2
    full, subset = faces  # the later face wins for the characters both ranges have
    assert "url(fonts/KaTeX_Main-Bold.woff2)" in full and "U+77-7A" not in full
    assert "url(fonts/KaTeX_Main-Bold.subset.woff2)" in subset and subset.rstrip("}").endswith("unicode-range:U+77-7A")
    assert len(codepoints(FONTS / "KaTeX_Main-Bold.woff2")) > 100
    # Fonts without a subset are untouched.
    assert css.count("@font-face") == STYLESHEET.read_text(encoding="utf-8").count("@font-face") + 1


def test_a_subset_for_a_font_the_stylesheet_lacks_is_an_error():
    with pytest.raises(ValueError, match="KaTeX_Nope-Regular"):
        stylesheet_with_subsets(STYLESHEET.read_text(encoding="utf-8"), {"KaTeX_Nope-Regular": "x"}, FONTS)
