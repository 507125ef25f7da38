"""Shared look of every figure: palette, themes, fonts and deterministic saving.

A figure script calls :func:`figure` to get a themed matplotlib figure and :func:`text`
for its labels; the pipeline in :mod:`lastlayer.figures` saves it with :func:`save`.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pylopdf_fonts_zh_cn
import pylopdf_fonts_zh_tw
from matplotlib import font_manager

from lastlayer import languages, pdf_fonts
from lastlayer.languages import CODES as LANGS
from lastlayer.project import FORMATS, THEMES  # noqa: F401

PNG_DPI = 300

# Size rules, from where figures are shown: the theme's text column is about 690 CSS px
# wide on a desktop, and an SVG is shown at its natural size (1 pt = 4/3 CSS px) or shrunk
# to the column. A figure at most MAX_WIDTH_IN wide is never shrunk there, so text of
# MIN_FONT_PT lands at 12 CSS px. tests/test_figure_sizes.py checks every figure.
#: Widest drawing, in inches (7 in = 504 pt = 672 CSS px).
MAX_WIDTH_IN = 7.0
#: Smallest text in any figure, in points (9 pt = 12 CSS px).
MIN_FONT_PT = 9
#: Widest narrow layout (the drawing a phone shows), in inches. A phone of 375 CSS px has a
#: column of about 343 px: a drawing 3.8 in (365 CSS px) wide is shrunk to it, and text of
#: MIN_FONT_PT lands at 11.3 CSS px. Pages switch to it below NARROW_MEDIA.
NARROW_WIDTH_IN = 3.8
#: Pages switch to the narrow layout below project.NARROW_MEDIA.
#: Tick labels, legends, colour-bar labels, annotations inside a plot.
SMALL_PT = 9
#: Axis labels and ordinary labels.
BODY_PT = 10
#: Panel titles.
TITLE_PT = 11
#: Large symbols in diagrams (operators, matrix names).
LARGE_PT = 13

#: Okabe–Ito colours, safe for colour-blind readers and legible on both backgrounds.
#: Class j of the toy problem always has CLASS_COLORS[j].
CLASS_COLORS = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#F0E442", "#D55E00")

THEME_COLORS = {
    "light": {"fg": "#1b1b1f", "muted": "#5f6368", "bg": "#ffffff", "grid": "#d9d9de"},
    # bg is material's "slate" page background, so downloaded PNGs match the site.
    "dark": {"fg": "#e3e4e8", "muted": "#a5a8b0", "bg": "#1e2129", "grid": "#3a3f4b"},
}

#: The pinned CJK fonts (Noto Sans SC and TC), by the key a language names in
#: ``languages.Language.cjk_font``: Simplified Chinese figures draw with mainland glyph
#: shapes, Traditional Chinese ones with Taiwan's. A glyph neither has is an error.
CJK_FONTS = {
    "sc": Path(pylopdf_fonts_zh_cn.sans_path()),
    "tc": Path(pylopdf_fonts_zh_tw.sans_path()),
}
CJK_FONT_PATH = CJK_FONTS["sc"]
_CJK_FAMILIES: dict[str, str] = {}


def _cjk_family(font: str = "sc") -> str:
    """Register one of the pinned CJK fonts once and return its family name."""
    if font not in _CJK_FAMILIES:
        path = CJK_FONTS[font]
        font_manager.fontManager.addfont(str(path))
        _CJK_FAMILIES[font] = font_manager.FontProperties(fname=str(path)).get_name()
    return _CJK_FAMILIES[font]


def cjk_font_path(lang: str) -> Path:
    """The CJK font file ``lang``'s figures use."""
    return CJK_FONTS[languages.get(lang).cjk_font]


def cjk_font_properties(size: float) -> font_manager.FontProperties:
    """The CJK font of the language being drawn (inside :func:`themed`), for a label that mixes
    Chinese and $math$: mathtext draws the plain text in one font, so it must be this one."""
    return font_manager.FontProperties(family=matplotlib.rcParams["font.family"][0], size=size)


def label_font(size: float = 11) -> font_manager.FontProperties:
    """The font for a label that mixes text and $math$ in the language being drawn (inside
    :func:`themed`): mathtext sets the plain text in one font, the first of the language's
    list (its CJK font for Chinese, DejaVu Sans otherwise; lastlayer/languages.py decides)."""
    return font_manager.FontProperties(family=matplotlib.rcParams["font.family"][0], size=size)


def rc(lang: str, theme: str) -> dict:
    """matplotlib settings for one language and theme."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; expected one of {THEMES}")
    c = THEME_COLORS[theme]
    # Per-glyph fallback only works when the list is font.family itself. Chinese figures put
    # the CJK font first: a label that mixes Chinese and $math$ is drawn by mathtext, which
    # sets its plain text in the first font only, so that font must have the Chinese glyphs.
    language = languages.get(lang)
    cjk = _cjk_family(language.cjk_font)
    family = [cjk, "DejaVu Sans"] if language.cjk else ["DejaVu Sans", cjk]
    return {
        "font.family": family,
        "font.size": BODY_PT,
        "axes.titlesize": TITLE_PT,
        "axes.labelsize": BODY_PT,
        "xtick.labelsize": SMALL_PT,
        "ytick.labelsize": SMALL_PT,
        "legend.fontsize": SMALL_PT,
        "legend.title_fontsize": SMALL_PT,
        "figure.titlesize": TITLE_PT,
        "mathtext.fontset": "dejavusans",
        "axes.unicode_minus": True,
        "text.color": c["fg"],
        "axes.labelcolor": c["fg"],
        "axes.edgecolor": c["muted"],
        "axes.facecolor": "none",
        "figure.facecolor": c["bg"],
        "xtick.color": c["muted"],
        "ytick.color": c["muted"],
        "xtick.labelcolor": c["fg"],
        "ytick.labelcolor": c["fg"],
        "grid.color": c["grid"],
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "lastlayer",
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
        "path.simplify": True,
    }


class MissingGlyphError(RuntimeError):
    """A label needs a character that no configured font has: it would render as tofu."""


class _GlyphLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if "glyph" in record.getMessage().lower():
            self.messages.append(record.getMessage())


@contextlib.contextmanager
def themed(lang: str, theme: str) -> Iterator[None]:
    """Apply a language's and theme's settings; a missing glyph raises instead of drawing tofu."""
    handler = _GlyphLog()
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        with plt.rc_context(rc(lang, theme)), warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*[Gg]lyph.*")
            yield
    except UserWarning as exc:
        raise MissingGlyphError(str(exc)) from exc
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        raise MissingGlyphError("; ".join(handler.messages))


def colors(theme: str) -> dict:
    return THEME_COLORS[theme]


#: Marker per class, so classes differ by shape as well as colour.
CLASS_MARKERS = ("o", "s", "^", "D", "v", "P")


#: Ends of the diverging weight maps, per theme: red for negative, violet for positive; no
#: class colour is red or violet, and both stay apart for colour-blind readers. In the light
#: theme the largest magnitudes are the darkest, in the dark theme the brightest.
DIVERGING_STOPS = {
    "light": ("#b2182b", "#ef8a62", "#998ec3", "#542788"),
    "dark": ("#fbb4a0", "#c4534d", "#7b6bb5", "#d4ccf2"),
}


def diverging(theme: str):
    """Diverging colour map for signed weights (red negative, violet positive), fading to the
    page background at zero in either theme and strongest at the largest magnitudes."""
    from matplotlib.colors import LinearSegmentedColormap

    neg_end, neg_mid, pos_mid, pos_end = DIVERGING_STOPS[theme]
    mid = THEME_COLORS[theme]["bg"]
    return LinearSegmentedColormap.from_list(f"weights-{theme}", [neg_end, neg_mid, mid, pos_mid, pos_end])


def text_on(rgba) -> str:
    """Black or white, whichever reads better on a cell of colour rgba."""
    r, g, b = rgba[:3]
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "#ffffff"


def save(fig: matplotlib.figure.Figure, path: Path, theme: str, fmt: str | None = None, info=None) -> None:
    """Save one format deterministically: no dates, no version strings.

    ``info`` (a :class:`lastlayer.figures.FileInfo`) is written into the file, so a figure
    found on its own says where it comes from: its title, author, licence, the address of the
    figure on the site and the hash of the inputs that drew it (the same inputs draw the same
    bytes; a commit that does not change them does not change the file). SVG: ``<title>``,
    ``<desc>`` and Dublin Core metadata; PDF: the document information; PNG: text chunks.
    """
    _freeze_layout(fig)
    fmt = fmt or path.suffix.lstrip(".")
    if fmt == "svg":
        meta = {"Date": None, "Creator": None}
        if info is not None:
            meta |= {"Title": info.title, "Creator": info.author, "Rights": info.licence}
            meta |= {"Identifier": info.url, "Source": f"inputs {info.key}"}
        # Transparent, so the figure sits on the page's own background in either theme.
        fig.savefig(path, format="svg", transparent=True, metadata=meta)
        _number_clip_paths(path)
        if info is not None:
            _title_and_desc(path, info)
    elif fmt == "png":
        meta = {"Software": None}
        if info is not None:
            meta |= {"Title": info.title, "Author": info.author, "Copyright": info.licence}
            meta |= {"Source": info.url, "Comment": f"inputs {info.key}"}
        fig.savefig(path, format="png", dpi=PNG_DPI, facecolor=THEME_COLORS[theme]["bg"], metadata=meta)
    elif fmt == "pdf":
        meta = {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}
        if info is not None:
            meta |= {"Title": info.title, "Author": info.author, "Subject": info.url}
            meta |= {"Keywords": f"{info.licence}; inputs {info.key}"}
        pdf_fonts.install()  # the embedded fonts' subsets from the cache
        fig.savefig(path, format="pdf", facecolor=THEME_COLORS[theme]["bg"], metadata=meta)
    else:
        raise ValueError(f"unknown figure format {fmt!r}")


def _title_and_desc(path: Path, info) -> None:
    """An SVG's <desc> beside the <title> matplotlib writes from the metadata (what viewers
    and screen readers show for a file opened on its own)."""
    from xml.sax.saxutils import escape

    text = path.read_text(encoding="utf-8")
    end = text.index("</title>") + len("</title>")
    desc = f"{info.author}. {info.licence}. {info.url} (inputs {info.key})"
    path.write_text(text[:end] + f"\n  <desc>{escape(desc)}</desc>" + text[end:], encoding="utf-8")


def _freeze_layout(fig: matplotlib.figure.Figure) -> None:
    """Run the figure's layout engine once, round every axes' position to 1e-4 of the figure
    (a twentieth of a point at column width) and keep it: the constrained-layout solver can
    differ in the last digit from run to run, which would change the files' bytes."""
    if fig.get_layout_engine() is None:
        return
    fig.canvas.draw()
    boxes = [(ax, [round(v, 4) for v in ax.get_position().bounds]) for ax in fig.axes]
    fig.set_layout_engine(None)  # none at all: a placeholder engine makes savefig draw twice
    for ax, bounds in boxes:
        ax.set_position(bounds)


def _number_clip_paths(path: Path) -> None:
    """Rename matplotlib's clip-path ids (hashes that can change from run to run, e.g. for
    clips set from a patch) to clip1, clip2, ... in order of definition: reproducible bytes."""
    import re

    text = path.read_text(encoding="utf-8")
    ids = dict.fromkeys(re.findall(r'<clipPath id="([^"]+)"', text))
    for n, old in enumerate(ids, 1):
        text = text.replace(f'id="{old}"', f'id="clip{n}"').replace(f"url(#{old})", f"url(#clip{n})")
    path.write_text(text, encoding="utf-8")


def heatmap(ax, values, rows, cols, theme: str, limit: float, digits: int = 2):
    """Signed values as coloured cells with their numbers, on the weights colour map.

    Cells are outlined, so a cell of value zero (the page's background colour) still reads
    as a cell. Give the returned image to ``fig.colorbar`` for the shared scale.
    """
    from lastlayer import fmt

    cmap = diverging(theme)
    norm = plt.Normalize(-limit, limit)
    image = ax.imshow(values, cmap=cmap, norm=norm, aspect="auto")
    for (r, col), v in np.ndenumerate(values):
        ax.text(col, r, fmt.num(v, digits), ha="center", va="center", fontsize=SMALL_PT, color=text_on(cmap(norm(v))))
    ax.set_xticks(range(len(cols)), cols)
    ax.set_yticks(range(len(rows)), rows)
    rows_n, cols_n = np.shape(values)
    ax.set_xticks(np.arange(cols_n + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(rows_n + 1) - 0.5, minor=True)
    ax.grid(which="minor", color=THEME_COLORS[theme]["muted"], linewidth=0.6)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return image


def colorbar(fig, image, ax, label: str, theme: str, **kw):
    """A colour bar for a shared scale, framed like the rest of the figure."""
    bar = fig.colorbar(image, ax=ax, **({"shrink": 0.9, "pad": 0.02} | kw))
    bar.set_label(label)
    bar.outline.set_edgecolor(THEME_COLORS[theme]["muted"])
    return bar


def digit_grid(images, titles, theme: str, figsize=None, *, fig=None, **imshow):
    """Ten 8×8 images in a 2×5 grid with framed, tick-free axes; returns (figure, axes, last image).

    Pass ``fig`` (a figure or subfigure) to draw into it instead of a new figure of ``figsize``.
    """
    c = THEME_COLORS[theme]
    if fig is None:
        fig = plt.figure(figsize=figsize, layout="constrained")
    axes = fig.subplots(2, 5)
    shown = None
    for image, title, ax in zip(images, titles, axes.flat, strict=True):
        shown = ax.imshow(np.asarray(image).reshape(8, 8), interpolation="nearest", **imshow)
        ax.set_title(title, fontsize=BODY_PT)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(True)
            spine.set_color(c["muted"])
    return fig, axes, shown
