"""Two faces of softmax: the logistic sigmoid, and a smooth argmax with log-sum-exp as smooth max.

Left: with two classes, softmax's first output is exactly σ(z₁ − z₂). Right: along the scores
(t, 0), log-sum-exp at temperature T, T·log(e^{t/T} + 1), hugs max(t, 0) from above and
meets it as T → 0. Run alone: ``python figures/softmax_smooth_max.py``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

from lastlayer import maths, style

GAP = np.linspace(-6, 6, 241)
TWO_CLASS = maths.softmax(np.c_[GAP, np.zeros_like(GAP)])[:, 0]
TEMPS = (1.0, 0.5, 0.2)

FIGURE = {
    "title": {"en": "Softmax as a sigmoid and as a smooth max", "zh": "softmax 与 sigmoid，以及平滑的最大值"},
    "caption": {
        "en": (
            "Left: with two classes, softmax's first probability as a function of the score difference z₁ − z₂ "
            "(solid) lies exactly on the logistic sigmoid σ(z₁ − z₂) (dashed). Right: log-sum-exp of the scores "
            "(t, 0) at three temperatures, a smooth upper bound of max(t, 0) that tightens as T shrinks."
        ),
        "zh": (
            "左图：只有两个类别时，softmax 的第一个概率随分数差 z₁ − z₂ 的变化（实线），"
            "与 logistic sigmoid σ(z₁ − z₂)（虚线）完全重合。右图：分数为 (t, 0) 时，三种温度下的 log-sum-exp。"
            "它是 max(t, 0) 的平滑上界，T 越小贴得越紧。"
        ),
    },
    "alt": {
        "en": (
            "Left, an S-shaped curve from 0 to 1 over score differences −6 to 6, with a dashed sigmoid drawn on top "
            "of it. Right, the kinked line max(t, 0) and three smooth curves above it that approach it as the "
            "temperature falls from 1 to 0.2."
        ),
        "zh": (
            "左图是一条从 0 升到 1 的 S 形曲线，横轴为 −6 到 6 的分数差，虚线 sigmoid 与它重合。"
            "右图是带折角的 max(t, 0)，以及位于其上方的三条平滑曲线，温度从 1 降到 0.2 时逐渐贴近折线。"
        ),
    },
}

TEXT = {
    "en": {"gap": "score difference z₁ − z₂", "p": "probability of class 1", "t": "score t", "lse": "value"},
    "zh": {"gap": "分数差 z₁ − z₂", "p": "类别 1 的概率", "t": "分数 t", "lse": "取值"},
}


def draw(lang: str = "en", theme: str = "light"):
    c, t = style.colors(theme), TEXT[lang]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.2, 3.6), layout="constrained")
    left.plot(GAP, TWO_CLASS, color="#CC79A7", linewidth=4, alpha=0.8, label="softmax")
    left.plot(GAP, maths.sigmoid(GAP), color=c["fg"], linewidth=1.4, linestyle="--", label="σ")
    left.set_xlabel(t["gap"])
    left.set_ylabel(t["p"])
    left.legend(frameon=False, loc="upper left")
    ts = np.linspace(-3, 3, 241)
    right.plot(ts, np.maximum(ts, 0), color=c["fg"], linewidth=1.6, label="max(t, 0)")
    # Not class colours: these curves are temperatures, not classes.
    for temp, dash in zip(TEMPS, ("-", "--", ":"), strict=True):
        lse = temp * maths.log_sum_exp(np.c_[ts / temp, np.zeros_like(ts)])
        right.plot(ts, lse, color="#CC79A7", linestyle=dash, linewidth=2.2, label=f"LSE, T = {temp:g}")
    right.set_xlabel(t["t"])
    right.set_ylabel(t["lse"])
    right.legend(frameon=False, loc="upper left", fontsize=9)
    return fig


if __name__ == "__main__":
    style.show_or_save(draw, sys.argv)
