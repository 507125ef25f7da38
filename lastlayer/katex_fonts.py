"""Which KaTeX font files a page's formulas will make the browser download.

KaTeX's stylesheet chooses a font per class (``.mathnormal`` is KaTeX_Math italic,
``.mathbf`` KaTeX_Main bold, ``.delimsizing.size1`` KaTeX_Size1, and ``.katex`` itself
KaTeX_Main). Reading those rules from the vendored stylesheet, instead of keeping a table
of our own, keeps the answer right when KaTeX changes. The build preloads exactly these
files, so a formula never reflows when a font arrives late (a layout shift).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from pathlib import Path

RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
CLASS_ATTR = re.compile(r'class="([^"]*)"')
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*?)(/?)>")
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class FontRule:
    classes: frozenset[str]  # an element with all of these classes ...
    family: str | None  # ... gets this family (None: inherited) ...
    bold: bool | None  # ... and weight/style (None: inherited)
    italic: bool | None


def _declaration(body: str, name: str) -> str | None:
    match = re.search(rf"(?:^|;)\s*{name}\s*:\s*([^;]+)", body)
    return match[1].strip() if match else None


def _rule(selector: str, body: str) -> FontRule | None:
    family = weight = style = None
    if font := _declaration(body, "font"):  # the shorthand on .katex: "normal 1.21em KaTeX_Main,..."
        family = next((w.strip(",") for w in font.split() if w.startswith("KaTeX_")), None)
        weight, style = "normal", "normal"
    family = (_declaration(body, "font-family") or family or "").split(",")[0].strip() or None
    weight = _declaration(body, "font-weight") or weight
    style = _declaration(body, "font-style") or style
    if family is not None and not family.startswith("KaTeX_"):
        return None
    if family is None and weight is None and style is None:
        return None
    # The element the rule styles is the last compound selector; its classes identify it.
    last = re.split(r"[\s>+~]+", selector.strip())[-1]
    classes = frozenset(re.findall(r"\.([\w-]+)", last))
    if not classes:
        return None
    bold = None if weight is None else weight in ("bold", "700", "800", "900")
    italic = None if style is None else style == "italic"
    return FontRule(classes, family, bold, italic)


@lru_cache(maxsize=4)
def font_rules(stylesheet: Path) -> tuple[FontRule, ...]:
    css = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(encoding="utf-8"), flags=re.S)
    css = re.sub(r"@font-face\s*\{[^}]*\}", "", css)
    rules = []
    for selectors, body in RULE.findall(css):
        if selectors.strip().startswith("@"):
            continue
        for selector in selectors.split(","):
            # Descendant rules such as ".delimsizing.mult .delim-size1>span": the classes of the
            # nearest classed compound identify the element.
            selector = re.sub(r">\s*span\s*$", "", selector.strip())
            if rule := _rule(selector, body):
                rules.append(rule)
    if not any(r.family == "KaTeX_Main" and r.classes == {"katex"} for r in rules):
        raise ValueError(f"{stylesheet}: no '.katex {{font: ... KaTeX_Main}}' rule; has KaTeX's stylesheet changed?")
    return tuple(rules)


def drawn_text(html: str, stylesheet: Path) -> dict[str, str]:
    """Each KaTeX font file (``KaTeX_Main-Regular`` ...) the markup in ``html`` draws text
    with, in the order of first use (the first screen needs the first ones), and the
    characters drawn in it.

    Each element's font is worked out from its own classes and those of its ancestors, the
    way the cascade does, as far as KaTeX's own rules go.
    """
    rules = font_rules(stylesheet)
    drawn: dict[str, set[str]] = {}
    # (family, bold, italic, hidden) of each open element. The MathML copy (.katex-mathml) is
    # read by screen readers, not drawn with these fonts.
    stack: list[tuple[str | None, bool, bool, bool]] = [(None, False, False, False)]
    end = 0
    for tag in TAG.finditer(html):
        family, bold, italic, hidden = stack[-1]
        text = html[end : tag.start()]
        if family and not hidden and text.strip():
            drawn.setdefault(f"{family}-{_variant(bold, italic)}", set()).update(unescape(text))
        end = tag.end()
        closing, name, attrs, self_closing = tag.groups()
        if name.lower() in VOID or self_closing:
            continue
        if closing:
            if len(stack) > 1:
                stack.pop()
            continue
        match = CLASS_ATTR.search(attrs)
        classes = set(match[1].split()) if match else set()
        hidden = hidden or "katex-mathml" in classes
        for rule in rules:
            if rule.classes <= classes:
                family = rule.family or family
                bold = bold if rule.bold is None else rule.bold
                italic = italic if rule.italic is None else rule.italic
        stack.append((family, bold, italic, hidden))
    return {font: "".join(sorted(chars)) for font, chars in drawn.items()}


def _variant(bold: bool, italic: bool) -> str:
    return {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}[
        (bold, italic)
    ]


# --- subsets -------------------------------------------------------------------------------

FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")


@lru_cache(maxsize=64)
def codepoints(font_file: Path) -> frozenset[int]:
    """The characters ``font_file`` has glyphs for."""
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(font_file, lazy=True).getBestCmap())


def drawable(drawn: dict[str, str], fonts_dir: Path) -> dict[str, str]:
    """``drawn`` without the characters each font has no glyph for (a browser takes those
    from the next font in the list), and without fonts left with none."""
    out = {}
    for font, chars in drawn.items():
        if not (fonts_dir / f"{font}.woff2").is_file():
            continue  # KaTeX ships no such face; the browser synthesises it from another
        have = codepoints(fonts_dir / f"{font}.woff2")
        if kept := "".join(c for c in chars if ord(c) in have):
            out[font] = kept
    return out


def subset_font(font_file: Path, chars: str) -> bytes:
    """``font_file`` cut down to the glyphs for ``chars``, as WOFF2 bytes. The same input
    gives the same bytes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(font_file, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in chars}))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=True)
    return out.getvalue()


def unicode_range(codepoints: list[int]) -> str:
    """``[0x28, 0x29, 0x2B]`` → ``U+28-29,U+2B``."""
    runs: list[list[int]] = []
    for cp in sorted(codepoints):
        if runs and cp == runs[-1][1] + 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return ",".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def stylesheet_with_subsets(css: str, subsets: dict[str, str], fonts_dir: Path) -> str:
    """KaTeX's stylesheet with a second ``@font-face`` after each font in ``subsets``: the
    same family and style from ``<font>.subset.woff2``, limited to the subset's characters.
    The full file's face is limited to the characters the subset lacks, so a browser only
    downloads it for one of those (and never for a character neither has)."""
    seen = set()

    def add(match: re.Match) -> str:
        font = re.search(r"url\(fonts/(KaTeX_[\w-]+)\.woff2\)", match[1])
        if font is None or font[1] not in subsets:
            return match[0]
        name = font[1]
        seen.add(name)
        kept = {ord(c) for c in subsets[name]}
        rest = sorted(codepoints(fonts_dir / f"{name}.woff2") - kept)
        full = f"@font-face{{{match[1]};unicode-range:{unicode_range(rest)}}}" if rest else ""
        descriptors = re.sub(r"src:[^;}]*", f'src:url(fonts/{name}.subset.woff2) format("woff2")', match[1])
        return f"{full}@font-face{{{descriptors};unicode-range:{unicode_range(sorted(kept))}}}"

    css = FONT_FACE.sub(add, css)
    if missing := set(subsets) - seen:
        raise ValueError(f"KaTeX's stylesheet has no @font-face for {', '.join(sorted(missing))}")
    return css
