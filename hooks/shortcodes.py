"""MkDocs hook: expand the site's shortcodes in page Markdown.

    {% figure softmax_pipeline %}   the figure, in the page's language, both theme variants
    {% ref softmax_pipeline %}      "Figure N" / "图 N", linked to the figure
    {% num worked.exp_sum %}        a number (or word) computed by lastlayer.values
    {% table worked.steps %}        a Markdown table computed by lastlayer.values

An unknown shortcode, figure or value fails the build with the page and the name.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lastlayer import figures, values

SHORTCODE = re.compile(r"\{%\s*(\w+)\s+([\w.\-]+)\s*%\}")
FIGURE_WORD = {"en": "Figure", "zh": "图"}
# Figure numbers follow the order of the English pages in the navigation; each
# translation must place the same figures in the same order (a test checks it).
_numbers: dict[str, int] = {}


def _lang(page) -> str:
    return getattr(page.file, "locale", None) or "en"


def on_nav(nav, config, files):
    _numbers.clear()
    for page in nav.pages:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        for kind, name in SHORTCODE.findall(source):
            if kind == "figure" and name not in _numbers:
                _numbers[name] = len(_numbers) + 1
    return nav


def _svg_size(path: Path) -> tuple[int, int]:
    head = path.read_text(encoding="utf-8")[:2000]
    match = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', head)
    if not match:
        raise PluginError(f"{path}: no viewBox in the SVG")
    return round(float(match[1]) * 4 / 3), round(float(match[2]) * 4 / 3)  # pt to CSS px


def _figure(name: str, page, config, files) -> str:
    root = Path(config.config_file_path).resolve().parent
    script = root / "figures" / f"{name}.py"
    where = page.file.src_uri
    if not script.is_file():
        raise PluginError(f"{where}: figure {name!r} does not exist (no {script.relative_to(root)})")
    try:
        meta = figures.load_meta(script)
    except figures.FigureError as exc:
        raise PluginError(f"{where}: {exc}") from exc
    lang = _lang(page)
    imgs = []
    for theme in figures.THEMES:
        src_uri = f"figures/{name}/{figures.output_name(name, lang, theme, 'svg')}"
        file = files.get_file_from_path(src_uri)
        if file is None:
            raise PluginError(f"{where}: figure {name!r} has not been drawn ({src_uri} is missing)")
        width, height = _svg_size(Path(file.abs_src_path))
        url = file.url_relative_to(page.file)
        imgs.append(
            f'<img src="{html.escape(url)}#only-{theme}" alt="{html.escape(meta.alt[lang])}" '
            f'width="{width}" height="{height}" loading="lazy" decoding="async">'
        )
    number = _numbers.get(name, 0)
    label = f"{FIGURE_WORD[lang]} {number}"
    sep = "：" if lang == "zh" else ": "
    return (
        f'<figure class="ll-figure" id="fig-{name}">\n<div class="ll-figure__scroll">'
        + "\n".join(imgs)
        + f'</div>\n<figcaption><a class="ll-figure__label" href="#fig-{name}">{label}</a>{sep}'
        + f"{html.escape(meta.caption[lang])}</figcaption>\n</figure>"
    )


def _ref(name: str, page) -> str:
    if name not in _numbers:
        raise PluginError(f"{page.file.src_uri}: reference to figure {name!r}, which no page shows")
    lang = _lang(page)
    # Same page only for now; cross-page references come with the figure gallery.
    return f'<a class="ll-ref" href="#fig-{name}">{FIGURE_WORD[lang]} {_numbers[name]}</a>'


def on_page_markdown(markdown: str, page, config, files) -> str:
    def expand(match: re.Match) -> str:
        kind, name = match[1], match[2]
        if kind == "figure":
            return _figure(name, page, config, files)
        if kind == "ref":
            return _ref(name, page)
        if kind in ("num", "table"):
            try:
                if kind == "num":
                    return values.lookup(name, _lang(page))
                return "\n\n" + values.markdown_table(name, _lang(page)) + "\n\n"
            except KeyError as exc:
                raise PluginError(f"{page.file.src_uri}: {exc.args[0]}") from None
        raise PluginError(f"{page.file.src_uri}: unknown shortcode {{% {kind} {name} %}}")

    return SHORTCODE.sub(expand, markdown)
