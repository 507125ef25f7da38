"""MkDocs hook: render math on the server with KaTeX, so pages load no math JavaScript.

pymdownx.arithmatex (generic mode) marks the formulas; this hook replaces each with
KaTeX's HTML and MathML. The KaTeX stylesheet and fonts are vendored in
docs/assets/katex. A formula that does not parse fails the build with the page and
the formula. Each page preloads the KaTeX fonts its formulas use.
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import re
import shutil
from functools import lru_cache
from pathlib import Path

import fontTools
from markdown_katex_rs import _rust as katex
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from lastlayer import cache, project
from lastlayer.katex_fonts import drawable, drawn_text, stylesheet_with_subsets, subset_font

KATEX_VERSION = importlib.metadata.version("markdown-katex-rs")
# A new fontTools may cut fonts differently: part of the subset cache key.
SUBSET_VERSION = f"fonttools {fontTools.version}".encode()
STYLESHEET = Path(__file__).resolve().parent.parent / "docs" / "assets" / "katex" / "katex.min.css"
FONTS = STYLESHEET.parent / "fonts"

INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>([。，、；：！？）」』,.;:!?)]*)', re.S)
#: Inline formulas up to this many characters of TeX are never broken over two lines ("λ > /
#: 0" reads wrongly); longer ones may break after a relation or an operator, as KaTeX allows.
#: The phone sweep fails if a formula kept whole makes a line wider than a 375 px screen.
SHORT_TEX = 60
DISPLAY = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.S)


#: KaTeX-rs writes a named operator's MathML as its TeX command (``<mo>\log</mo>``), which a
#: screen reader reads out as "backslash log"; KaTeX itself writes the name (``<mi>log</mi>``).
NAMED_OPERATOR = re.compile(r"<mo>\\([A-Za-z]+)</mo>")


@lru_cache(maxsize=4096)
def render(tex: str, display: bool) -> str:
    return NAMED_OPERATOR.sub(r"<mi>\1</mi>", katex.render_math(tex, display))


#: Search indexes a formula once, by the text of KaTeX's visual HTML (x∈Rn), not also by its
#: MathML copy and the TeX source inside that: the MathML is marked for Material's search to
#: skip (it then removes the mark). Material ends a skip at the first closing tag of the same
#: name, so only an element with no nested element of its own kind can be marked: the MathML
#: span holds none, the HTML one is all spans.
SEARCH_SKIPS = ('<span class="katex-mathml"',)


def for_search(rendered: str) -> str:
    for start in SEARCH_SKIPS:
        if start not in rendered:
            raise PluginError(f"KaTeX's output changed (no {start}...>); update hooks/katex.py")
        rendered = rendered.replace(start, start + ' data-search-exclude="1"', 1)
    return rendered


def _replace(pattern: re.Pattern, display: bool, content: str, page) -> str:
    def one(match: re.Match) -> str:
        tex = html.unescape(match[1]).strip()
        try:
            rendered = render(tex, display)
        except ValueError as exc:
            raise PluginError(f"{page.file.src_uri}: formula does not parse: {tex!r}\n{exc}") from None
        if display:
            return f'<div class="arithmatex">{for_search(rendered)}</div>'
        # The punctuation that follows stays on the formula's line (no "。" starting a line).
        formula = f'<span class="arithmatex">{for_search(rendered)}</span>'
        if len(tex) <= SHORT_TEX:
            return f'<span class="ll-nowrap">{formula}{match[2]}</span>'
        return f"{formula}\u2060{match[2]}" if match[2] else formula

    return pattern.sub(one, content)


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Each page's math, rendered once per content: KaTeX-rs writes attributes and style
    properties in an order that changes from run to run, so the page's rendering is kept
    on disk and a rebuild with the same page gives the same bytes (and renders nothing)."""

    def render_page() -> str:
        return _replace(INLINE, False, _replace(DISPLAY, True, content, page), page)

    inputs = (content, KATEX_VERSION, Path(__file__).read_bytes())
    return cache.cached_json("katex-pages", inputs, render_page, code=())


def _drawn(markup: str) -> dict[str, str]:
    """:func:`drawn_text` of a page, cached on disk by the page's markup and the stylesheet."""
    return cache.cached_json(
        "katex-drawn", (markup, STYLESHEET.read_bytes()), lambda: drawn_text(markup, STYLESHEET), code=("katex_fonts",)
    )


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Preload each KaTeX font the page's formulas use.

    A font that arrives after the first layout makes the formulas around it change width
    and height, and the text below them jumps (a layout shift). The offline copy embeds the
    fonts in its stylesheet instead (browsers refuse font files from file://).
    """
    if config.extra.get("offline") or 'class="katex' not in output:
        return output
    head, body = output.split("</head>", 1)
    links = "".join(
        f'<link rel="preload" href="{get_relative_url(f"assets/katex/fonts/{font}.subset.woff2", page.url)}"'
        ' as="font" type="font/woff2" crossorigin>'
        for font in drawable(_drawn(body), FONTS)
    )
    return f"{head}{links}\n</head>{body}"


def on_post_build(config: MkDocsConfig) -> None:
    """Cut each KaTeX font the site draws with down to the characters it draws.

    The subsets (``<font>.subset.woff2``, about a quarter of the full files) are what the
    pages preload; the stylesheet gains an ``@font-face`` per subset, limited to its
    characters, so a browser only falls back to a full file for a character no page had at
    build time. Each language's build redoes this over every page written so far; the last
    one covers both languages. The offline copy keeps the full fonts (it embeds them).
    """
    if config.extra.get("offline"):
        return
    site = Path(config.site_dir)
    drawn: dict[str, set[str]] = {}
    for page in site.rglob("*.html"):
        if "downloads" in page.relative_to(site).parts:
            continue
        for font, chars in _drawn(page.read_text(encoding="utf-8")).items():
            drawn.setdefault(font, set()).update(chars)
    fonts = site / "assets" / "katex" / "fonts"
    cache = project.generated("katex-fonts")
    cache.mkdir(parents=True, exist_ok=True)
    subsets = drawable({font: "".join(sorted(chars)) for font, chars in drawn.items()}, FONTS)
    for font, chars in sorted(subsets.items()):
        source = FONTS / f"{font}.woff2"
        key = hashlib.sha256(source.read_bytes() + chars.encode() + SUBSET_VERSION).hexdigest()[:16]
        cached = cache / f"{font}-{key}.woff2"
        if not cached.is_file():
            cached.write_bytes(subset_font(source, chars))
        shutil.copyfile(cached, fonts / f"{font}.subset.woff2")
    css = stylesheet_with_subsets(STYLESHEET.read_text(encoding="utf-8"), subsets, FONTS)
    (site / "assets" / "katex" / "katex.min.css").write_text(css, encoding="utf-8")
