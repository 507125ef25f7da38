"""MkDocs hook: render math on the server with KaTeX, so pages load no math JavaScript.

pymdownx.arithmatex (generic mode) marks the formulas; this hook replaces each with
KaTeX's HTML and MathML. The KaTeX stylesheet and fonts are vendored in
docs/assets/katex. A formula that does not parse fails the build with the page and
the formula. Each page preloads the KaTeX fonts its formulas use.
"""

from __future__ import annotations

import html
import re
import sys
from functools import lru_cache
from pathlib import Path

from markdown_katex_rs import _rust as katex
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lastlayer.katex_fonts import fonts_used

STYLESHEET = Path(__file__).resolve().parent.parent / "docs" / "assets" / "katex" / "katex.min.css"

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


def on_post_page(output: str, page, config) -> str:
    """Preload each KaTeX font the page's formulas use.

    A font that arrives after the first layout makes the formulas around it change width
    and height, and the text below them jumps (a layout shift). The offline copy embeds the
    fonts in its stylesheet instead (browsers refuse font files from file://).
    """
    if config.extra.get("offline") or 'class="katex' not in output:
        return output
    head, body = output.split("</head>", 1)
    links = "".join(
        f'<link rel="preload" href="{get_relative_url(f"assets/katex/fonts/{font}.woff2", page.url)}"'
        ' as="font" type="font/woff2" crossorigin>'
        for font in fonts_used(body, STYLESHEET)
    )
    return f"{head}{links}\n</head>{body}"
