"""The page and notebook sources of a converted language, written at build time.

A converted language (``converted_from`` in :mod:`lastlayer.languages`: Traditional Chinese
from Simplified Chinese) has no files in ``docs/``. Its build takes each page's source in
its source language (``computation.zh.md``, ``notebooks/computation.zh.py``), passes the
text through the language's converter and writes the result to
``.generated/converted/<lang>/`` (``computation.zh-Hant.md``). Nothing is written inside
``docs/``, which would make ``mkdocs serve`` rebuild forever; a file whose converted text
has not changed is not rewritten. The conversion itself is cached by :mod:`lastlayer.hant`.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from lastlayer import languages
from lastlayer.cache import atomic_write
from lastlayer.project import generated

FOLDER = "converted"
#: A notebook's choice of CJK fonts for its plots (see :attr:`lastlayer.languages.Language.notebook_fonts`).
NOTEBOOK_FONTS = re.compile(r"^CJK_FONTS = \[[^\]\n]*\]$", re.M)
NOTEBOOK_FONT_PACKAGE = re.compile(r'^FONT_PACKAGE = "[^"\n]*"$', re.M)


def converted_languages() -> list[str]:
    return [code for code in languages.CODES if languages.get(code).converted_from is not None]


def _with_suffix(rel: str, lang: str) -> str:
    """``notebooks/computation.py`` → ``notebooks/computation.zh.py`` for ``lang`` zh."""
    path = PurePosixPath(rel)
    stem = languages.strip_suffix(path.stem)
    return str(path.with_name(stem + languages.suffix(lang) + path.suffix))


def source_path(docs_dir: Path, rel: str, lang: str) -> Path:
    """The file in ``docs/`` that ``lang``'s version of page ``rel`` is written from."""
    return Path(docs_dir) / _with_suffix(rel, languages.source_of(lang))


def target_path(rel: str, lang: str) -> Path:
    """Where ``lang``'s converted version of page ``rel`` is written."""
    return generated(FOLDER, lang, _with_suffix(rel, lang))


def write(docs_dir: Path, rel: str, lang: str) -> Path:
    """Convert the source of page ``rel`` (``computation.md``, ``notebooks/x.py``: any
    language's name of it) into ``lang`` and write it, unless unchanged; returns its path."""
    source = source_path(docs_dir, rel, lang)
    text = languages.convert(source.read_text(encoding="utf-8"), lang)
    if source.suffix == ".py":
        text = with_notebook_fonts(text, lang)
    target = target_path(rel, lang)
    try:
        if target.read_text(encoding="utf-8") == text:
            return target
    except OSError:
        pass
    atomic_write(target, text)
    return target


def with_notebook_fonts(text: str, lang: str) -> str:
    """A converted notebook prefers its own language's fonts: its ``CJK_FONTS`` and
    ``FONT_PACKAGE`` lines are ``lang``'s (Traditional glyph shapes, not Simplified)."""
    language = languages.get(lang)
    fonts = language.notebook_fonts
    if not fonts:
        return text
    text = NOTEBOOK_FONTS.sub(lambda _: "CJK_FONTS = " + repr(list(fonts)).replace("'", '"'), text)
    return NOTEBOOK_FONT_PACKAGE.sub(lambda _: f'FONT_PACKAGE = "{language.notebook_font_package}"', text)


def notebooks(docs_dir: Path, folder: str) -> list[Path]:
    """Every converted language's notebook sources (``docs/<folder>/*.py``), written now."""
    out = []
    for lang in converted_languages():
        source = languages.source_of(lang)
        for path in sorted((Path(docs_dir) / folder).glob("*.py")):
            if languages.of_filename(path.name) == source:
                out.append(write(docs_dir, f"{folder}/{path.name}", lang))
    return out
