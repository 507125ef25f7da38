"""Cosine softmax with and without an additive angular margin (CosFace style), on the 2-D toy data.

Features and class weights are normalised, so only angles matter: points sit on the unit
circle and each class is a direction. Without a margin the decision boundaries are the
bisectors between class directions. With a margin m, training asks cos θ_true − m > cos θ_other,
which opens a band around each boundary that a point must clear. Trained by lastlayer.models.
Run alone: ``python figures/cosine_margin.py``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

from lastlayer import fmt, models, style
from lastlayer.examples import CLASS_NAMES, toy2d

TOY = toy2d()
MARGIN, SCALE = models.COSFACE_MARGIN, models.COSFACE_SCALE
PLAIN = models.fit_cosine_softmax(TOY.X, TOY.y, margin=0.0, scale=SCALE)
WITH_MARGIN = models.fit_cosine_softmax(TOY.X, TOY.y, margin=MARGIN, scale=SCALE)
ANGLES = np.linspace(-np.pi, np.pi, 1441)
CIRCLE = np.c_[np.cos(ANGLES), np.sin(ANGLES)]


def inside_band(W, points, m):
    """Points whose best and second-best cosines are closer than m: the margin is not met."""
    cos = np.sort(models.unit(points) @ W, axis=1)
    return cos[:, -1] - cos[:, -2] < m


IN_BAND = float(inside_band(WITH_MARGIN, TOY.X, MARGIN).mean())

FIGURE = {
    "title": {"en": "Cosine softmax with and without an additive margin", "zh": "有无加性间隔的余弦 softmax"},
    "caption": {
        "en": (
            "The toy data's features normalised onto the unit circle, with class directions learned by cosine softmax "
            f"(scale s = {SCALE:g}). Left: no margin, the boundaries are bisectors between directions. Right: an "
            f"additive margin m = {MARGIN:g} (CosFace) opens grey bands around the boundaries; "
            f"{fmt.num(100 * IN_BAND, 1)}% of the training points still fall inside them and keep being pushed out."
        ),
        "zh": (
            f"把玩具数据的特征归一化到单位圆上，类别方向由余弦 softmax 学得（尺度 s = {SCALE:g}）。"
            "左图：没有间隔，决策边界就是相邻类别方向的角平分线。"
            f"右图：加性间隔 m = {MARGIN:g}（CosFace 的做法）在每条边界两侧撑开一条灰色带；"
            f"仍有 {fmt.num(100 * IN_BAND, 1)}% 的训练点落在带内，训练会继续把它们往外推。"
        ),
    },
    "alt": {
        "en": (
            "Two unit circles with the cat, dog and bird points on them and an arrow per class direction. "
            "The left circle is split by three straight boundaries through the centre; on the right, each "
            f"boundary is widened into a grey wedge. {fmt.num(100 * IN_BAND, 1)}% of the points lie in a wedge."
        ),
        "zh": (
            "两个单位圆，圆上分布着猫、狗、鸟三类点，每个类别方向画有一支箭头。左边的圆被三条过圆心的直线分开；"
            f"右边每条边界都加宽成一块灰色楔形区域，{fmt.num(100 * IN_BAND, 1)}% 的点落在楔形内。"
        ),
    },
}

TEXT = {
    "en": {"plain": "cosine softmax, m = 0", "margin": f"with margin m = {MARGIN:g}"},
    "zh": {"plain": "余弦 softmax，m = 0", "margin": f"加间隔 m = {MARGIN:g}"},
}


def _panel(ax, W, m, title, lang, c):
    names = CLASS_NAMES[lang]
    cos = CIRCLE @ W
    order = np.sort(cos, axis=1)
    winner = np.argmax(cos, axis=1)
    if m > 0:
        band = order[:, -1] - order[:, -2] < m
        for a0, a1 in zip(ANGLES[:-1][band[:-1]], ANGLES[1:][band[:-1]], strict=True):
            ax.fill([0, np.cos(a0), np.cos(a1)], [0, np.sin(a0), np.sin(a1)], color=c["muted"], alpha=0.35, linewidth=0)
    changes = np.nonzero(winner[1:] != winner[:-1])[0]
    for i in changes:
        a = (ANGLES[i] + ANGLES[i + 1]) / 2
        ax.plot([0, 1.25 * np.cos(a)], [0, 1.25 * np.sin(a)], color=c["fg"], linewidth=1.2)
    ax.plot(CIRCLE[:, 0], CIRCLE[:, 1], color=c["grid"], linewidth=1)
    points = models.unit(TOY.X)
    for j in range(3):
        p = points[TOY.y == j]
        ax.scatter(
            p[:, 0],
            p[:, 1],
            s=22,
            color=style.CLASS_COLORS[j],
            marker=style.CLASS_MARKERS[j],
            edgecolor=c["bg"],
            linewidth=0.4,
            zorder=3,
            label=names[j],
        )
        ax.annotate(
            "",
            xy=0.8 * W[:, j],
            xytext=(0, 0),
            zorder=4,
            arrowprops={"arrowstyle": "-|>", "color": style.CLASS_COLORS[j], "linewidth": 2.2},
        )
    ax.set_title(title, fontsize=11)
    ax.set_aspect("equal")
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.35, 1.35)
    ax.axis("off")


def draw(lang: str = "en", theme: str = "light"):
    c, t = style.colors(theme), TEXT[lang]
    fig, (left, right) = plt.subplots(1, 2, figsize=(8.4, 4.3), layout="constrained")
    _panel(left, PLAIN, 0.0, t["plain"], lang, c)
    _panel(right, WITH_MARGIN, MARGIN, t["margin"], lang, c)
    left.legend(frameon=False, loc="lower left", fontsize=9)
    return fig


if __name__ == "__main__":
    style.show_or_save(draw, sys.argv)
