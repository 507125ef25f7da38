"""Text that reads on a phone. Article tables (hooks/tables.py): each row becomes a card
whose cells carry their column's header, hidden from screen readers and from search. Inline math (hooks/katex.py): a
short formula and the punctuation after it are never broken over two lines. The browser
side (every table and formula fits 375 px, no cell hidden, nothing scrolls sideways) is
checked on every page by the phone sweep (test_browser.py)."""

from __future__ import annotations

import importlib.util

from material.plugins.search.plugin import Parser

from helpers import ROOT


def _hook(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tables = _hook("tables")
katex = _hook("katex")

MARKDOWN_TABLE = """<p>Before.</p>
<table>
<thead>
<tr>
<th style="text-align: left;">class</th>
<th style="text-align: right;">score <span class="katex">z</span></th>
</tr>
</thead>
<tbody>
<tr>
<td style="text-align: left;">cat</td>
<td style="text-align: right;">2.14</td>
</tr>
<tr>
<td style="text-align: left;">dog</td>
<td style="text-align: right;">0.68</td>
</tr>
</tbody>
</table>
<table class="ll-widget__table"><tr><td>widget</td></tr></table>"""


def test_each_cell_carries_its_header():
    out = tables.on_page_content(MARKDOWN_TABLE, None, None, None)
    assert out.count('<table class="ll-stack">') == 1
    assert '<table class="ll-widget__table"><tr><td>widget</td></tr></table>' in out  # not Markdown's
    assert out.count("<td style") == 4 and out.count("<th style") == 2 and out.count("<tr>") == 4  # and the widget's
    label = (
        '<span class="ll-cell-label" aria-hidden="true" data-search-exclude>score <span class="katex">z</span></span>'
    )
    assert out.count(label) == 2
    assert '<span class="ll-cell-value">2.14</span>' in out and '<span class="ll-cell-value">dog</span>' in out


def test_search_indexes_each_value_once_and_no_copied_header():
    parser = Parser()
    parser.feed(tables.on_page_content(MARKDOWN_TABLE, None, None, None))
    parser.close()
    text = "".join("".join(section.text) for section in parser.data)
    assert text.count("score") == 1 and text.count("class") == 1  # the header row only
    assert "2.14" in text and "dog" in text


def test_a_short_inline_formula_keeps_its_line_and_its_punctuation():
    short = '<p>当 <span class="arithmatex">\\(\\lambda > 0\\)</span>。然后</p>'
    out = katex._replace(katex.INLINE, False, short, None)
    assert out.count('<span class="ll-nowrap"><span class="arithmatex">') == 1
    assert out.endswith("。</span>然后</p>")
    long_tex = "\\hat{y}_1 = e^{z_1} / (e^{z_1} + e^{z_2}) = 1 / (1 + e^{-(z_1 - z_2)})"
    assert len(long_tex) > katex.SHORT_TEX
    out = katex._replace(katex.INLINE, False, f'<p><span class="arithmatex">\\({long_tex}\\)</span>.</p>', None)
    assert "ll-nowrap" not in out and out.endswith("</span>\u2060.</p>")  # may break inside, not before "."
