"""The fonts a figure's PDF embeds, subset once per font and set of glyphs.

matplotlib embeds each font of a PDF as a subset made with fontTools
(``matplotlib.backends._backend_pdf_ps.get_glyphs_subset``), and reads the whole font file
to make it: for the CJK fonts, tens of thousands of glyphs, a third of a second per font
per PDF, the largest part of drawing a figure. The subset depends only on the font file and
the glyphs, so :func:`install` makes matplotlib take it from the build's cache
(``.generated/cache/pdf-font/``): the dark variant reuses the light one's, and a rebuild or
a redraw reuses them all. The PDF's bytes are the same either way (tested).

This relies on matplotlib's private function and its ``SubsetResults``; ARCHITECTURE.md
lists the reliance and ``tests/test_internals.py`` probes it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from io import BytesIO
from pathlib import Path

from fontTools.ttLib import TTFont
from matplotlib.backends import _backend_pdf_ps

from lastlayer.cache import cached_json

_MATPLOTLIBS_OWN = _backend_pdf_ps.get_glyphs_subset


@cache
def _font_digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def glyphs_subset(fontfile, glyphs):
    """What matplotlib's ``get_glyphs_subset(fontfile, glyphs)`` gives, from the cache."""
    wanted = sorted({int(g) for g in glyphs})

    def subset() -> dict:
        with _MATPLOTLIBS_OWN(fontfile, wanted) as made:
            data = _backend_pdf_ps.font_as_file(made.font).getvalue()
            return {"font": base64.b64encode(data).decode("ascii"), "map": sorted(made.glyph_index_map.items())}

    face = str(getattr(fontfile, "face_index", 0))
    inputs = (_font_digest(str(fontfile)), face, json.dumps(wanted))
    entry = cached_json("pdf-font", inputs, subset, code=("pdf_fonts",))
    # Opened as fontTools' subsetter opens a font: no bounding boxes or timestamp recomputed.
    font = TTFont(BytesIO(base64.b64decode(entry["font"])), recalcBBoxes=False, recalcTimestamp=False)
    mapping = {int(old): int(new) for old, new in entry["map"]}
    return _backend_pdf_ps.SubsetResults(font, mapping)._as_cm()


def install() -> None:
    """Make matplotlib's PDF backend subset fonts through :func:`glyphs_subset`."""
    _backend_pdf_ps.get_glyphs_subset = glyphs_subset
