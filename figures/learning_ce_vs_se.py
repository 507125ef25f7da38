"""Why cross-entropy: the gradient on the true class's score, against that class's probability.

Cross-entropy gives ∂L/∂z_y = ŷ_y − 1, which stays near −1 when the true class is given
almost no probability. Squared error on the probabilities, ½‖ŷ − e_y‖², is multiplied by
the softmax's slope and tends to zero there: a badly wrong layer learns slowest. Three classes,
the other probability shared evenly. Numbers from ``lastlayer.learning``.
Run alone: ``python figures/learning_ce_vs_se.py zh dark``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

from lastlayer import figures, fmt, learning, style

P = np.linspace(0.001, 0.999, 400)
CE, SE = learning.true_score_gradients(P)
PROBE = learning.CURVE_PROBES[0]
CE_PROBE, SE_PROBE = (g[0] for g in learning.true_score_gradients(np.array([PROBE])))

FIGURE = {
    "title": {
        "en": "Gradient on the true class's score: cross-entropy against squared error",
        "zh": "对真实类别分数的梯度：交叉熵与平方误差",
    },
    "caption": {
        "en": (
            f"The gradient of the loss with respect to the true class's score, for {learning.CURVE_K} classes, as "
            "the probability p that the layer gives the true class goes from 0 to 1. Cross-entropy's is p − 1: "
            f"largest in size when the layer is most wrong ({fmt.num(CE_PROBE, 3)} at p = {PROBE:g}). Squared "
            f"error's is almost zero there ({fmt.num(SE_PROBE, 3)}), so a badly wrong layer barely moves."
        ),
        "zh": (
            f"{learning.CURVE_K} 个类别时，损失对真实类别分数的梯度，横轴是这一层给真实类别的概率 p，从 0 到 1。"
            "交叉熵的梯度是 p − 1，这一层错得越离谱，梯度的绝对值越大"
            f"（p = {PROBE:g} 时为 {fmt.num(CE_PROBE, 3)}）；平方误差的梯度在同一处几乎为零"
            f"（{fmt.num(SE_PROBE, 3)}），错得很离谱的层几乎学不动。"
        ),
    },
    "alt": {
        "en": (
            "Line chart. Horizontal axis: the probability of the true class, 0 to 1. Vertical axis: the gradient "
            "with respect to the true class's score, from −1 to 0. The cross-entropy line runs straight from −1 at "
            "probability 0 up to 0 at probability 1. The squared-error curve starts at 0, dips to about "
            f"{fmt.num(SE.min(), 2)} near probability one third, and returns to 0 at 1."
        ),
        "zh": (
            "折线图。横轴是真实类别的概率，从 0 到 1；纵轴是对真实类别分数的梯度，从 −1 到 0。"
            "交叉熵是一条直线，从概率为 0 处的 −1 升到概率为 1 处的 0。"
            f"平方误差的曲线从 0 出发，在概率约三分之一处降到约 {fmt.num(SE.min(), 2)}，到概率为 1 时回到 0。"
        ),
    },
}

TEXT = {
    "en": {
        "x": "probability of the true class $\\hat{y}_y$",
        "y": "gradient $\\partial L / \\partial z_y$",
        "ce": "cross-entropy $-\\log \\hat{y}_y$",
        "se": "squared error $\\Vert\\hat{\\mathbf{y}} - \\mathbf{e}_y\\Vert^2 / 2$",
        "slow": "wrong, yet\nhardly any gradient",
    },
    "zh": {
        "x": "真实类别的概率 $\\hat{y}_y$",
        "y": "梯度 $\\partial L / \\partial z_y$",
        "ce": "交叉熵 $-\\log \\hat{y}_y$",
        "se": "平方误差 $\\Vert\\hat{\\mathbf{y}} - \\mathbf{e}_y\\Vert^2 / 2$",
        "slow": "错得离谱，\n梯度却几乎为零",
    },
}


#: Per layout (narrow or not): the figure's size, where the annotation's text sits, and the
#: legend inside the plot or, narrow, below it under the axis label.
LAYOUTS = {
    False: {"size": (6.4, 3.9), "note_at": (0.07, -0.42), "legend": {"loc": "lower right"}},
    True: {"size": (style.NARROW_WIDTH_IN, 4.1), "note_at": (0.05, -0.33), "legend": {"loc": "outside lower center"}},
}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    t, c, layout = TEXT[lang], style.colors(theme), LAYOUTS[narrow]
    fig, ax = plt.subplots(figsize=layout["size"], layout="constrained")
    # Not class colours: these lines are losses, not classes.
    ax.plot(P, CE, color=c["fg"], linewidth=2.2, label=t["ce"])
    ax.plot(P, SE, color=c["muted"], linewidth=2.2, linestyle="--", label=t["se"])
    ax.axhline(0, color=c["grid"], linewidth=0.8)
    ax.scatter([PROBE, PROBE], [CE_PROBE, SE_PROBE], color=[c["fg"], c["muted"]], s=30, zorder=3)
    ax.annotate(
        t["slow"],
        xy=(PROBE, SE_PROBE),
        xytext=layout["note_at"],
        va="center",
        fontproperties=style.label_font(10.5),
        color=c["fg"],
        # From the text's top left corner, bowed towards the axis: the pointer comes up to the
        # point from below, clear of the dashed curve that leaves it to the lower right.
        arrowprops={
            "arrowstyle": "->",
            "color": c["muted"],
            "linewidth": 1.2,
            "relpos": (0, 1),
            "connectionstyle": "arc3,rad=-0.2",
            "shrinkB": 4,
        },
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(-1.05, 0.08)
    ax.set_xlabel(t["x"], fontproperties=style.label_font())
    ax.set_ylabel(t["y"], fontproperties=style.label_font())
    ax.grid(True, linewidth=0.5)
    # An axes legend sits inside the plot; the narrow layout's goes below the whole plot.
    owner = fig if narrow else ax
    legend = {"prop": style.label_font(10.5), "facecolor": c["bg"], "edgecolor": c["grid"], "framealpha": 0.9}
    owner.legend(**layout["legend"], **legend)
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
