"""Which KaTeX fonts a formula needs, read from KaTeX's own stylesheet."""

from __future__ import annotations

import pytest
from markdown_katex_rs import _rust as katex

from helpers import ROOT
from lastlayer.katex_fonts import font_rules, fonts_used

STYLESHEET = ROOT / "docs" / "assets" / "katex" / "katex.min.css"


def fonts(tex: str, display: bool = False) -> list[str]:
    return fonts_used(katex.render_math(tex, display), STYLESHEET)


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
    assert fonts_used(mathml_only, STYLESHEET) == []


def test_text_outside_formulas_needs_no_katex_font():
    assert fonts_used("<p>The <strong>softmax</strong> layer</p>", STYLESHEET) == []


def test_a_stylesheet_without_katex_rules_is_an_error(tmp_path):
    css = tmp_path / "other.css"
    css.write_text(".md-typeset{font-family:serif}")
    with pytest.raises(ValueError, match=r"other\.css"):
        font_rules(css)
