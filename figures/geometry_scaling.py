"""Scaling one class's weights: the line stays, the scores and the softmax change.

Multiplying w₁ and b_1 by s leaves the line w₁·x + b_1 = 0 where it is (and every signed
distance d₁), but multiplies the score z₁ = ‖w₁‖·d₁ by s. Run alone:
``python figures/geometry_scaling.py``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

from lastlayer import fmt, maths, style
from lastlayer.examples import CLASS_NAMES, SCALES, scaled, toy2d

TOY = toy2d()
J = 0  # the class whose weights are scaled: cat
PROBS = {s: maths.softmax(maths.linear(TOY.query, *scaled(TOY, J, s))) for s in SCALES}
NORM = TOY.norms[J]
D = TOY.distances[J]


def _probs_text(sep):
    return sep.join(f"s = {fmt.num(s, 1)}: {fmt.num(PROBS[s][J])}" for s in SCALES)


FIGURE = {
    "title": {
        "en": "Scaling a class's weights: same line, sharper softmax",
        "zh": "缩放某一类的权重：直线不动，softmax 更尖锐",
    },
    "caption": {
        "en": (
            "Scaling the cat class's weights and bias by s. Left: the score z₁ = s‖w₁‖·d₁ against the signed "
            "distance d₁; the zero crossing (the line) stays put while the slope grows with s. Right: the "
            "query point's probabilities; a longer w₁ makes softmax more confident in cat, a shorter one flattens it."
        ),
        "zh": (
            "把猫这一类的权重和偏置同时乘以 s。左图：分数 z₁ = s‖w₁‖·d₁ 随有符号距离 d₁ 的变化，"
            "零点（也就是那条直线）不动，斜率随 s 增大。右图：查询点的各类概率；"
            "w₁ 越长，softmax 对猫越有把握，越短则分布越平。"
        ),
    },
    "alt": {
        "en": (
            f"Left, three lines through the origin with slopes {fmt.vector([s * NORM for s in SCALES])} for "
            f"s = {fmt.vector(SCALES, 1)}, with the query point's distance d₁ = {fmt.num(D)} marked. Right, grouped "
            f"bars of the three class probabilities for each s; the cat probability is {_probs_text(', ')}."
        ),
        "zh": (
            f"左图是三条过原点的直线，对应 s = {fmt.vector(SCALES, 1, sep='、')}，斜率依次为 "
            f"{fmt.vector([s * NORM for s in SCALES], sep='、')}，并标出查询点的距离 d₁ = {fmt.num(D)}。"
            f"右图按 s 分组画出三个类别的概率柱；猫的概率分别为 {_probs_text('；')}。"
        ),
    },
}

TEXT = {
    "en": {"d": "signed distance $d_1$", "z": "score $z_1$", "p": "probability at the query point", "s": "scale"},
    "zh": {"d": "有符号距离 d₁", "z": "分数 z₁", "p": "查询点的概率", "s": "缩放倍数"},
}


def draw(lang: str = "en", theme: str = "light"):
    t, c = TEXT[lang], style.colors(theme)
    names = CLASS_NAMES[lang]
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(9.4, 3.9), layout="constrained", gridspec_kw={"width_ratios": [1, 1.15]}
    )
    d = np.linspace(-2.5, 2.5, 50)
    styles = {0.5: ":", 1.0: "-", 2.0: "--"}
    for s in SCALES:
        left.plot(
            d, s * NORM * d, styles.get(s, "-"), color=style.CLASS_COLORS[J], linewidth=2, label=f"s = {fmt.num(s, 1)}"
        )
        left.scatter([D], [s * NORM * D], color=style.CLASS_COLORS[J], edgecolor=c["fg"], zorder=3, s=30)
    left.axhline(0, color=c["muted"], linewidth=0.8)
    left.axvline(0, color=c["muted"], linewidth=0.8)
    left.axvline(D, color=c["fg"], linewidth=0.8, linestyle=(0, (2, 3)))
    left.set_xlabel(t["d"])
    left.set_ylabel(t["z"])
    left.legend(fontsize=9, frameon=False, loc="upper left")

    width = 0.26
    for k in range(3):
        values = [PROBS[s][k] for s in SCALES]
        xs = np.arange(len(SCALES)) + (k - 1) * width
        right.bar(xs, values, width=width, color=style.CLASS_COLORS[k], label=names[k])
        for x, v in zip(xs, values, strict=True):
            right.text(x, v + 0.02, fmt.num(v), ha="center", va="bottom", fontsize=8)
    right.set_xticks(range(len(SCALES)), [f"s = {fmt.num(s, 1)}" for s in SCALES])
    right.set_ylim(0, 1.12)
    right.set_ylabel(t["p"])
    right.legend(fontsize=9, frameon=False, ncols=3, loc="upper left")
    return fig


if __name__ == "__main__":
    style.show_or_save(draw, sys.argv)
