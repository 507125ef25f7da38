"""Which KaTeX font files a page's formulas will make the browser download.

KaTeX's stylesheet chooses a font per class (``.mathnormal`` is KaTeX_Math italic,
``.mathbf`` KaTeX_Main bold, ``.delimsizing.size1`` KaTeX_Size1, and ``.katex`` itself
KaTeX_Main). Reading those rules from the vendored stylesheet, instead of keeping a table
of our own, keeps the answer right when KaTeX changes. The build preloads exactly these
files, so a formula never reflows when a font arrives late (a layout shift).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import tinycss2
from tinycss2 import ast

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class FontRule:
    classes: frozenset[str]  # an element with all of these classes ...
    family: str | None  # ... gets this family (None: inherited) ...
    bold: bool | None  # ... and weight/style (None: inherited)
    italic: bool | None


def _declarations(rule: ast.QualifiedRule | ast.AtRule) -> dict[str, list]:
    """A rule's declarations by property name (the last one wins, as in the cascade)."""
    out = {}
    for item in tinycss2.parse_declaration_list(rule.content or [], skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            out[item.lower_name] = item.value
    return out


def _words(tokens: list) -> list[str]:
    """Identifiers, strings and numbers of a declaration's value, in order (commas dropped)."""
    out = []
    for token in tokens:
        if token.type in ("ident", "string"):
            out.append(token.value)
        elif token.type in ("number", "dimension", "percentage"):
            out.append(token.representation)
    return out


def _selectors(prelude: list) -> list[list]:
    """A rule's prelude split at top-level commas into one token list per selector."""
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _compounds(selector: list) -> list[list[str]]:
    """The classes of each compound selector, left to right (``.a.b > .c span`` → [[a, b], [c], []])."""
    compounds: list[list[str]] = [[]]
    after_dot = False
    for token in selector:
        if token.type == "whitespace" or (token.type == "literal" and token.value in (">", "+", "~")):
            if compounds[-1] or after_dot:
                compounds.append([])
            after_dot = False
        elif token.type == "literal" and token.value == ".":
            after_dot = True
        elif token.type == "ident" and after_dot:
            compounds[-1].append(token.value)
            after_dot = False
        elif token.type == "ident":
            compounds[-1].append(f"<{token.value}>")  # a type selector: not a class
    return [c for c in compounds if c]


def _rule(selector: list, declarations: dict[str, list]) -> FontRule | None:
    family = weight = style = None
    if "font" in declarations:  # the shorthand on .katex: "normal 1.21em KaTeX_Main, Times New Roman, serif"
        family = next((w for w in _words(declarations["font"]) if w.startswith("KaTeX_")), None)
        weight, style = "normal", "normal"
    if "font-family" in declarations:
        family = (_words(declarations["font-family"]) or [None])[0]
    if "font-weight" in declarations:
        weight = (_words(declarations["font-weight"]) or [None])[0]
    if "font-style" in declarations:
        style = (_words(declarations["font-style"]) or [None])[0]
    if family is not None and not family.startswith("KaTeX_"):
        return None
    if family is None and weight is None and style is None:
        return None
    # The element styled is the last compound; a trailing bare "span" (".delim-size1>span")
    # is the nearest classed compound's child and drawn in its font.
    compounds = _compounds(selector)
    while compounds and all(c.startswith("<") for c in compounds[-1]):
        compounds.pop()
    if not compounds:
        return None
    classes = frozenset(c for c in compounds[-1] if not c.startswith("<"))
    bold = None if weight is None else weight in ("bold", "700", "800", "900")
    italic = None if style is None else style == "italic"
    return FontRule(classes, family, bold, italic)


@lru_cache(maxsize=4)
def font_rules(stylesheet: Path) -> tuple[FontRule, ...]:
    """Every rule of KaTeX's stylesheet that sets a font on elements with given classes."""
    css = stylesheet.read_text(encoding="utf-8")
    rules = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue  # @font-face, @media ...: no class selects a font there
        declarations = _declarations(rule)
        for selector in _selectors(rule.prelude):
            if font_rule := _rule(selector, declarations):
                rules.append(font_rule)
    if not any(r.family == "KaTeX_Main" and r.classes == {"katex"} for r in rules):
        raise ValueError(f"{stylesheet}: no '.katex {{font: ... KaTeX_Main}}' rule; has KaTeX's stylesheet changed?")
    return tuple(rules)


class _FontWalker(HTMLParser):
    """Follows the font of each open element through the markup and collects the text drawn."""

    def __init__(self, rules: tuple[FontRule, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = rules
        # (family, bold, italic, hidden) of each open element. The MathML copy (.katex-mathml)
        # is read by screen readers, not drawn with these fonts.
        self.stack: list[tuple[str | None, bool, bool, bool]] = [(None, False, False, False)]
        self.drawn: dict[str, set[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        family, bold, italic, hidden = self.stack[-1]
        classes = set((dict(attrs).get("class") or "").split())
        hidden = hidden or "katex-mathml" in classes
        for rule in self.rules:
            if rule.classes <= classes:
                family = rule.family or family
                bold = bold if rule.bold is None else rule.bold
                italic = italic if rule.italic is None else rule.italic
        self.stack.append((family, bold, italic, hidden))

    def handle_startendtag(self, tag: str, attrs) -> None:
        pass  # <x/> opens nothing

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        family, bold, italic, hidden = self.stack[-1]
        if family and not hidden and data.strip():
            self.drawn.setdefault(f"{family}-{_variant(bold, italic)}", set()).update(data)


def drawn_text(html: str, stylesheet: Path) -> dict[str, str]:
    """Each KaTeX font file (``KaTeX_Main-Regular`` ...) the markup in ``html`` draws text
    with, in the order of first use (the first screen needs the first ones), and the
    characters drawn in it.

    Each element's font is worked out from its own classes and those of its ancestors, the
    way the cascade does, as far as KaTeX's own rules go.
    """
    walker = _FontWalker(font_rules(stylesheet))
    walker.feed(html)
    walker.close()
    return {font: "".join(sorted(chars)) for font, chars in walker.drawn.items()}


def _variant(bold: bool, italic: bool) -> str:
    return {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}[
        (bold, italic)
    ]


# --- subsets -------------------------------------------------------------------------------


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


def _font_file(face: ast.AtRule) -> str | None:
    """The KaTeX font a ``@font-face`` rule loads: ``url(fonts/KaTeX_Main-Bold.woff2)`` → ``KaTeX_Main-Bold``."""
    for token in _declarations(face).get("src", []):
        url = None
        if token.type == "url":
            url = token.value
        elif token.type == "function" and token.lower_name == "url":
            url = next((t.value for t in token.arguments if t.type == "string"), None)
        if url and url.startswith("fonts/KaTeX_") and url.endswith(".woff2"):
            return url.removeprefix("fonts/").removesuffix(".woff2")
    return None


def _face(face: ast.AtRule, src: str | None, codepoints: list[int]) -> str:
    """``face`` again, with ``src`` replaced when given, limited to ``codepoints``."""
    parts = []
    for item in tinycss2.parse_declaration_list(face.content, skip_comments=True, skip_whitespace=True):
        if item.type != "declaration" or item.lower_name == "unicode-range":
            continue
        value = src if (src is not None and item.lower_name == "src") else tinycss2.serialize(item.value).strip()
        parts.append(f"{item.name}:{value}")
    parts.append(f"unicode-range:{unicode_range(codepoints)}")
    return "@font-face{" + ";".join(parts) + "}"


def stylesheet_with_subsets(css: str, subsets: dict[str, str], fonts_dir: Path) -> str:
    """KaTeX's stylesheet with a second ``@font-face`` after each font in ``subsets``: the
    same family and style from ``<font>.subset.woff2``, limited to the subset's characters.
    The full file's face is limited to the characters the subset lacks, so a browser only
    downloads it for one of those (and never for a character neither has)."""
    seen = set()
    out = []
    for rule in tinycss2.parse_stylesheet(css):
        name = _font_file(rule) if rule.type == "at-rule" and rule.lower_at_keyword == "font-face" else None
        if name is None or name not in subsets:
            out.append(rule.serialize())
            continue
        seen.add(name)
        kept = sorted({ord(c) for c in subsets[name]})
        rest = sorted(codepoints(fonts_dir / f"{name}.woff2") - set(kept))
        if rest:
            out.append(_face(rule, None, rest))
        out.append(_face(rule, f'url(fonts/{name}.subset.woff2) format("woff2")', kept))
    if missing := set(subsets) - seen:
        raise ValueError(f"KaTeX's stylesheet has no @font-face for {', '.join(sorted(missing))}")
    return "".join(out)
