"""MkDocs hook: render math on the server with KaTeX, so pages load no math JavaScript.

pymdownx.arithmatex (generic mode) marks the formulas; this hook replaces each with
KaTeX's HTML and MathML. The KaTeX stylesheet and fonts are vendored in
docs/assets/katex. A formula that does not parse fails the build with the page and
the formula.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markdown_katex_rs import _rust as katex
from mkdocs.exceptions import PluginError

INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.S)
DISPLAY = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.S)


@lru_cache(maxsize=4096)
def render(tex: str, display: bool) -> str:
    return katex.render_math(tex, display)


def _replace(pattern: re.Pattern, display: bool, content: str, page) -> str:
    def one(match: re.Match) -> str:
        tex = html.unescape(match[1]).strip()
        try:
            rendered = render(tex, display)
        except ValueError as exc:
            raise PluginError(f"{page.file.src_uri}: formula does not parse: {tex!r}\n{exc}") from None
        tag = "div" if display else "span"
        return f'<{tag} class="arithmatex">{rendered}</{tag}>'

    return pattern.sub(one, content)


def on_page_content(content: str, page, config, files) -> str:
    content = _replace(DISPLAY, True, content, page)
    return _replace(INLINE, False, content, page)
