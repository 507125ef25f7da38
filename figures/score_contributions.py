"""How each class's score is built: contributions wᵢⱼ·xᵢ of the features, plus bⱼ.

One panel per class, in its colour: a waterfall from 0 through each contribution and the
bias to the score zⱼ. The numbers are rounded so that each panel's terms add up, as shown, to
its score (``lastlayer.values_weighting.score_parts``).
Run alone: ``python figures/score_contributions.py zh light``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

from lastlayer import figures, style
from lastlayer.examples import CLASS_NAMES, worked_example
from lastlayer.values_weighting import score_parts

EX = worked_example()
N, K = EX.W.shape
C = EX.contributions
# Per class, as shown: the contributions and the bias (adding up to the score), then the score.
SHOWN = [score_parts(C[:, j], EX.b[j]) for j in range(K)]
LABELS = [[*parts, bias] for parts, bias, _ in SHOWN]
SCORES = [score for _, _, score in SHOWN]


def _terms(j, sep):
    return sep.join(LABELS[j])


FIGURE = {
    "title": {"en": "Each score as a sum of contributions", "zh": "每个分数都是各项贡献之和"},
    "caption": {
        "en": (
            "Each score is a plain sum of terms: the contributions wᵢⱼ·xᵢ (the weighted features) and the bias bⱼ. "
            "Bars show, left to right, what every feature adds to a class's score, then the bias; the last bar is "
            "the total zⱼ. A positive weight on a bright pixel pushes the score up, a negative one pulls it down."
        ),
        "zh": (
            "每个分数都是若干项的直接相加：各项贡献 wᵢⱼ·xᵢ（加权后的特征）再加上偏置 bⱼ。"
            "柱子从左到右依次是每个特征给该类别分数带来的贡献，然后是偏置，最后一根是总分 zⱼ。"
            "亮像素遇上正权重会把分数往上推，遇上负权重则往下拉。"
        ),
    },
    "alt": {
        "en": "Three waterfall charts, one per class. "
        + " ".join(
            f"{CLASS_NAMES['en'][j]}: contributions and bias {_terms(j, ', ')}, total {SCORES[j]}." for j in range(K)
        ),
        "zh": "三张瀑布图，每个类别一张。"
        + "".join(f"{CLASS_NAMES['zh'][j]}：各项贡献与偏置为 {_terms(j, '、')}，总分 {SCORES[j]}。" for j in range(K)),
    },
}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    c = style.colors(theme)
    names = CLASS_NAMES[lang]
    labels = [f"$w_{{{i + 1}j}}x_{i + 1}$" for i in range(N)] + ["$b_j$", "$z_j$"]
    # Stacked, one class per row, so every bar has room for its number at 9 pt.
    # Narrow: the same rows, only narrower.
    size = (style.NARROW_WIDTH_IN, 6.0) if narrow else (6.4, 5.6)
    fig, axes = plt.subplots(K, 1, figsize=size, sharex=True, sharey=True, layout="constrained")
    low = min(0, np.cumsum(np.c_[C.T, EX.b], axis=1).min(), EX.z.min())
    high = max(np.cumsum(np.c_[C.T, EX.b], axis=1).max(), EX.z.max())
    for j, ax in enumerate(axes):
        color = style.CLASS_COLORS[j]
        steps = [*C[:, j], EX.b[j]]
        bottoms = np.r_[0.0, np.cumsum(steps)[:-1]]
        bars = ax.bar(range(len(steps)), steps, bottom=bottoms, color=color, alpha=0.55, edgecolor=color, width=0.6)
        ax.bar_label(bars, LABELS[j], padding=2, fontsize=style.SMALL_PT)
        for i in range(len(steps) - 1):
            level = bottoms[i] + steps[i]
            ax.plot([i + 0.3, i + 0.7], [level, level], color=c["muted"], linewidth=0.8)
        total = ax.bar(len(steps), EX.z[j], color=color, edgecolor=c["fg"], width=0.6)
        ax.bar_label(total, [SCORES[j]], padding=2, fontsize=style.SMALL_PT, fontweight="bold")
        ax.axhline(0, color=c["fg"], linewidth=0.8)
        ax.set_title(f"{names[j]} ($j$ = {j + 1})", loc="left", fontsize=style.BODY_PT)
        ax.spines["bottom"].set_visible(False)
        ax.tick_params(axis="x", length=0)
        ax.set_ylabel(TEXT[lang])
    axes[-1].set_xticks(range(len(labels)), labels)
    axes[0].set_ylim(low - 0.6, high + 0.6)
    return fig


TEXT = {"en": "score $z_j$", "zh": "分数 $z_j$"}


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
