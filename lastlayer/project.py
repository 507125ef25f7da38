"""Names every part of the project shares: where the repository and its generated files
are, and which themes and formats the site is built in (its languages: lastlayer/languages.py).

The hooks point :func:`generated` at the project being built (:func:`use_project`), so a
copy of the project built by a test or the benchmark keeps its caches to itself, and
the figure workers it spawns inherit the choice through the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository this package lives in (it is installed in editable mode).
ROOT = Path(__file__).resolve().parent.parent

THEMES = ("light", "dark")
#: Where the site is published (mkdocs.yml's site_url; a test keeps the two the same). Figure
#: files carry their address in their metadata.
SITE_URL = "https://lastlayer.github.io/lastlayer/"
#: The licence of text and figures (LICENSE-CONTENT).
CONTENT_LICENCE = "CC BY 4.0, https://creativecommons.org/licenses/by/4.0/"
#: The narrow layout of a figure, drawn for phones (an SVG; pages choose it below a width).
NARROW = "narrow.svg"
#: Where pages show the narrow layout: a column narrower than about 616 px would shrink a
#: 7 in drawing's 9 pt text below 11 CSS px (lastlayer.style has the size rules).
NARROW_MEDIA = "(max-width: 44.9375em)"
#: What a reader downloads and cites: the full figure.
DOWNLOADS = ("svg", "png", "pdf")
#: Every file the figure pipeline writes per language and theme.
FORMATS = ("svg", NARROW, "png", "pdf")

_GENERATED_ENV = "LASTLAYER_GENERATED"


def generated(*parts: str) -> Path:
    """A path inside the generated-files folder (never committed) of the current project."""
    base = os.environ.get(_GENERATED_ENV)
    return (Path(base) if base else ROOT / ".generated").joinpath(*parts)


def use_project(root: Path) -> None:
    """Keep the generated files of the project at ``root`` in ``root/.generated``."""
    os.environ[_GENERATED_ENV] = str(Path(root).resolve() / ".generated")
