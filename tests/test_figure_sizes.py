"""Every figure is drawn for the column it sits in: not wider than the column, no text
smaller than the smallest readable size, no label drawn over another or off the canvas.

The rules live in :mod:`lastlayer.style` (``MAX_WIDTH_IN``, ``MIN_FONT_PT``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import matplotlib.pyplot as plt
import pytest
from matplotlib.text import Text

from lastlayer import figures, languages, style

#: Rounding slack, in pixels, for boxes that touch.
SLACK_PX = 1.0

SCRIPTS = figures.discover()


@contextlib.contextmanager
def recording_drawn_text() -> Iterator[list[tuple[Text, object]]]:
    """Every Text drawn while inside, with its box: what the reader sees, not stale tick
    objects matplotlib keeps around for reuse."""
    drawn: list[tuple[Text, object]] = []
    original = Text.draw

    def draw(self, renderer):
        original(self, renderer)
        if self.get_visible() and self.get_text().strip():
            drawn.append((self, self.get_window_extent(renderer)))

    Text.draw = draw
    try:
        yield drawn
    finally:
        Text.draw = original


def where(text: Text) -> str:
    return f"{text.get_text()!r} at {text.get_position()}"


def overlap(a, b) -> float:
    """Smaller side of the intersection of two boxes, in pixels (0 when apart)."""
    return min(min(a.x1, b.x1) - max(a.x0, b.x0), min(a.y1, b.y1) - max(a.y0, b.y0))


@pytest.mark.parametrize("layout", ["wide", "narrow"])
@pytest.mark.parametrize("lang", ["en", "zh", "zh-Hant"])
@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_figure_fits_the_column_and_its_text_reads(script, lang, layout):
    """The wide drawing fits the desktop column; the narrow one (the phone's) is at most
    NARROW_WIDTH_IN wide, so its smallest text shows at 11 CSS px or more on a 375 px phone.
    A figure without a narrow layout must already be that narrow."""
    module = figures._import(script)
    source = languages.source_of(lang)
    own_narrow = layout == "narrow" and figures.draws_narrow(module)
    with style.themed(lang, "light"):
        fig = module.draw(source, "light", narrow=True) if own_narrow else module.draw(source, "light")
        if source != lang:  # drawn as the pipeline draws it: the source's labels, converted
            figures.convert_texts(fig, lang)
        try:
            width = fig.get_size_inches()[0]
            limit = style.NARROW_WIDTH_IN if layout == "narrow" else style.MAX_WIDTH_IN
            assert width <= limit + 1e-9, f"{width:.2f} in wide; the {layout} layout holds {limit}"

            texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
            small = sorted(
                {f"{where(t)}: {t.get_fontsize():.1f} pt" for t in texts if t.get_fontsize() < style.MIN_FONT_PT}
            )
            assert not small, f"text smaller than {style.MIN_FONT_PT} pt:\n" + "\n".join(small)

            with recording_drawn_text() as drawn:
                fig.canvas.draw()
            assert drawn, "no text drawn at all"
            canvas_w, canvas_h = fig.canvas.get_width_height()
            outside = [
                where(t)
                for t, box in drawn
                if box.x0 < -SLACK_PX
                or box.y0 < -SLACK_PX
                or box.x1 > canvas_w + SLACK_PX
                or box.y1 > canvas_h + SLACK_PX
            ]
            assert not outside, "text cut off at the figure's edge:\n" + "\n".join(outside)

            # Across the whole figure, not only within one axes: an axis label (whose .axes is
            # None) can run into a label drawn inside the plot, or a neighbour's tick labels.
            clashes = []
            for i, (a, box_a) in enumerate(drawn):
                for b, box_b in drawn[i + 1 :]:
                    if overlap(box_a, box_b) > SLACK_PX:
                        clashes.append(f"{where(a)} overlaps {where(b)}")
            assert not clashes, "text drawn over text:\n" + "\n".join(clashes)
        finally:
            plt.close(fig)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_figure_says_what_its_marks_mean(lang):
    """A phone reader's round found figures that left their marks unexplained: the weight-decay
    figure's right axis had no label, the training figure's templates no colour scale, and the
    one-step figure no key to its markers, circle and arrows."""
    modules = {p.stem: figures._import(p) for p in SCRIPTS}
    with style.themed(lang, "light"):
        decay = modules["weight_decay"].draw(languages.source_of(lang), "light")
        training = modules["learning_templates"].draw(languages.source_of(lang), "light")
        step = modules["learning_step"].draw(languages.source_of(lang), "light")
    try:
        assert all(ax.get_ylabel() for ax in decay.axes)
        bars = [ax for ax in training.get_children()[1].axes if ax.get_label() == "<colorbar>"]
        assert len(bars) == 1 and bars[0].get_xlabel() + bars[0].get_ylabel() == "$w_{ij}$"
        (key,) = step.legends
        assert len(key.get_texts()) == 6 and all(t.get_text() for t in key.get_texts())
    finally:
        for fig in (decay, training, step):
            plt.close(fig)
