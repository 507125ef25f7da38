"""Which KaTeX font files a page's formulas will make the browser download.

KaTeX's stylesheet chooses a font per class (``.mathnormal`` is KaTeX_Math italic,
``.mathbf`` KaTeX_Main bold, ``.delimsizing.size1`` KaTeX_Size1, and ``.katex`` itself
KaTeX_Main). Reading those rules from the vendored stylesheet, instead of keeping a table
of our own, keeps the answer right when KaTeX changes. The build preloads exactly these
files, so a formula never reflows when a font arrives late (a layout shift).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
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


def fonts_used(html: str, stylesheet: Path) -> list[str]:
    """The font files (``KaTeX_Main-Regular`` ...) that the KaTeX markup in ``html`` uses, in
    the order the page first uses them.

    Each element's font is worked out from its own classes and those of its ancestors, the
    way the cascade does, as far as KaTeX's own rules go.
    """
    rules = font_rules(stylesheet)
    fonts: dict[str, None] = {}  # in order of first use: the first screen needs the first ones
    # (family, bold, italic, hidden) of each open element. The MathML copy (.katex-mathml) is
    # read by screen readers, not drawn with these fonts.
    stack: list[tuple[str | None, bool, bool, bool]] = [(None, False, False, False)]
    end = 0
    for tag in TAG.finditer(html):
        family, bold, italic, hidden = stack[-1]
        if family and not hidden and html[end : tag.start()].strip():
            fonts.setdefault(f"{family}-{_variant(bold, italic)}")  # text drawn in this font
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
    return list(fonts)


def _variant(bold: bool, italic: bool) -> str:
    return {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}[
        (bold, italic)
    ]
