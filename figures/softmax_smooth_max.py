"""Softmax as a smooth argmax, and log-sum-exp as a smooth max, at three temperatures.

Left: with two classes, softmax's first output is σ((z₁ − z₂)/T); as the temperature T falls
it steepens towards the hard argmax, a step from 0 to 1. Right: along the scores (t, 0),
log-sum-exp at temperature T, T·log(1 + exp(t/T)), lies above max(t, 0) and meets it as T → 0.
Run alone: ``python figures/softmax_smooth_max.py``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

from lastlayer import figures, languages, maths, style

GAP = np.linspace(-4, 4, 321)
TEMPS = (1.0, 0.5, 0.2)
DASHES = ("-", "--", ":")


def _temps(lang: str) -> str:
    """The temperatures as a list in words: "1, 0.5 and 0.2", "1、0.5 和 0.2"."""
    shown = [f"{t:g}" for t in TEMPS]
    return languages.join_and(shown, lang)


FIGURE = {
    "title": {
        "en": "Softmax as a smooth argmax, log-sum-exp as a smooth max",
        "zh": "softmax 是平滑的 argmax，log-sum-exp 是平滑的最大值",
    },
    "caption": {
        "en": (
            f"Two classes with scores (t, 0), at temperatures T = {_temps('en')}. "
            "First panel, “smooth argmax”: softmax's probability of class 1, "
            "which equals the sigmoid σ(t/T); as T falls it steepens towards the hard argmax (grey step), "
            "which jumps from 0 to 1 where the scores tie. Second panel, “smooth max”: log-sum-exp of the same scores, "
            "T·log(1 + exp(t/T)), a smooth upper bound of max(t, 0) that tightens as T falls."
        ),
        "zh": (
            f"两个类别，分数为 (t, 0)，温度 T 取 {_temps('zh')}。"
            "第一幅子图“平滑的 argmax”：softmax 给类别 1 的概率，它等于 sigmoid σ(t/T)；"
            "T 越小曲线越陡，逐渐接近硬 argmax（灰色阶梯），即在两个分数相等处从 0 跳到 1。"
            "第二幅子图“平滑的最大值”：同样分数的 log-sum-exp，即 T·log(1 + exp(t/T))，"
            "它是 max(t, 0) 的平滑上界，T 越小贴得越紧。"
        ),
    },
    "alt": {
        "en": (
            "First panel: a grey step from 0 to 1 at score 0 and three S-shaped curves through the middle of it, "
            f"steeper for lower temperatures {_temps('en')}. Second panel: the kinked line max(t, 0) and three "
            "smooth curves above it that approach it as the temperature falls."
        ),
        "zh": (
            f"第一幅子图是一条在分数 0 处从 0 跳到 1 的灰色阶梯，以及三条穿过其中点的 S 形曲线，温度为 {_temps('zh')}，"
            "温度越低越陡。第二幅子图是带折角的 max(t, 0)，以及位于其上方的三条平滑曲线，温度越低越贴近折线。"
        ),
    },
}

TEXT = {
    "en": {
        "t": "score $t$ of class 1 (class 2 scores 0)",
        "p": "probability $\\hat{y}_1$",
        "lse": "value",
        "argmax": "argmax",
        "argmax_title": "smooth argmax",
        "max_title": "smooth max",
    },
    "zh": {
        "t": "类别 1 的分数 $t$（类别 2 为 0）",
        "p": "概率 $\\hat{y}_1$",
        "lse": "取值",
        "argmax": "argmax",
        "argmax_title": "平滑的 argmax",
        "max_title": "平滑的最大值",
    },
}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    c, t = style.colors(theme), TEXT[lang]
    # On a phone the two panels are stacked: smooth argmax on top, smooth max below.
    shape, size = ((2, 1), (style.NARROW_WIDTH_IN, 6.2)) if narrow else ((1, 2), (7.0, 3.4))
    fig, (left, right) = plt.subplots(*shape, figsize=size, layout="constrained")
    if narrow:  # room between the upper panel's axis label and the lower panel's title
        fig.get_layout_engine().set(hspace=0.06)
    # Not class colours: these curves are temperatures, not classes.
    left.plot(
        GAP,
        (GAP > 0).astype(float),
        color=c["muted"],
        linewidth=4,
        alpha=0.45,
        label=t["argmax"],
        drawstyle="steps-mid",
    )
    right.plot(GAP, np.maximum(GAP, 0), color=c["muted"], linewidth=4, alpha=0.45, label="max($t$, 0)")
    for temp, dash in zip(TEMPS, DASHES, strict=True):
        scores = np.c_[GAP / temp, np.zeros_like(GAP)]
        left.plot(
            GAP, maths.softmax(scores)[:, 0], color=c["fg"], linestyle=dash, linewidth=1.6, label=f"$T$ = {temp:g}"
        )
        right.plot(
            GAP,
            temp * maths.log_sum_exp(scores),
            color=c["fg"],
            linestyle=dash,
            linewidth=1.6,
            label=f"LSE, $T$ = {temp:g}",
        )
    left.set_ylabel(t["p"])
    left.set_yticks([0, 0.5, 1])
    right.set_ylabel(t["lse"])
    right.set_yticks(range(5))
    for ax, title in ((left, t["argmax_title"]), (right, t["max_title"])):
        ax.set_xlabel(t["t"])
        ax.set_xticks([-4, -2, 0, 2, 4])
        ax.set_title(title)
        ax.legend(frameon=False, loc="upper left", handlelength=2.2)
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
