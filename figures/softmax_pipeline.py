"""Softmax for one example: scores z, then e^z, then probabilities that sum to 1.

The three panels share the toy problem's class colours; arrows mark the two steps. All numbers come from
``lastlayer.examples.worked_example``; the exponentials and the probabilities are rounded with ``fmt.parts``,
so that they add up to the totals shown beside them. Run alone: ``python figures/softmax_pipeline.py zh dark``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

from lastlayer import figures, fmt, style
from lastlayer.examples import CLASS_NAMES, worked_example

EX = worked_example()
Z, EXP_Z, PROBS = EX.z, EX.exp_z, EX.probs
# Shown numbers: each row adds up, as shown, to the total written beside it.
SHOWN = {"z": [fmt.num(v) for v in Z], "exp": fmt.parts(EXP_Z), "probs": fmt.parts(PROBS)}
TOTALS = {"exp": fmt.total(EXP_Z), "probs": fmt.total(PROBS)}


FIGURE = {
    "title": {
        "en": "Softmax in two steps: scores, exponentials, probabilities",
        "zh": "softmax 的两步：分数、指数、概率",
    },
    "caption": {
        "en": (
            "Softmax in two steps for the worked example: the scores z can be any real numbers; "
            "eᶻ makes every one positive and keeps their order; dividing by the sum "
            f"Σeᶻ = {TOTALS['exp']} gives probabilities that add up to 1. The exponentials and the "
            "probabilities are rounded together, so that the numbers shown add up to the totals shown."
        ),
        "zh": (
            "对本站算例做 softmax，分两步：分数 z 可以是任意实数；"
            "eᶻ 把每个分数变成正数，大小顺序不变；"
            f"再除以总和 Σeᶻ = {TOTALS['exp']}，得到和为 1 的概率。"
            "指数和概率均按最大余数法统一舍入，所以图中的数加起来正好等于所示的总和。"
        ),
    },
    "alt": {
        "en": (
            "Three bar charts, one per stage, with one bar per class (cat, dog, bird). "
            f"First, the scores z: {', '.join(SHOWN['z'])}. Second, e to the power z: {', '.join(SHOWN['exp'])}, "
            f"which sum to {TOTALS['exp']}. Third, the probabilities: {', '.join(SHOWN['probs'])}, "
            f"which sum to {TOTALS['probs']}."
        ),
        "zh": (
            "三张柱状图，依次是分数、指数和概率，每个类别（猫、狗、鸟）一根柱子。"
            f"第一张是分数 z：{'、'.join(SHOWN['z'])}；第二张是 e 的 z 次方：{'、'.join(SHOWN['exp'])}，"
            f"合计 {TOTALS['exp']}；第三张是概率：{'、'.join(SHOWN['probs'])}，三者之和为 {TOTALS['probs']}。"
        ),
    },
}

TEXT = {
    "en": {
        "scores": "scores $z_j$",
        "exp": "1. exponentiate: $\\exp(z_j)$",
        "probs": "2. divide by the sum: $\\hat{y}_j$",
        "sum": "$\\Sigma_l\\, \\exp(z_l)$ = ",
        "total": "$\\Sigma_j\\, \\hat{y}_j$ = ",
    },
    "zh": {
        "scores": "分数 $z_j$",
        "exp": "1. 取指数：$\\exp(z_j)$",
        "probs": "2. 除以总和：$\\hat{y}_j$",
        "sum": "$\\Sigma_l\\, \\exp(z_l)$ = ",
        "total": "$\\Sigma_j\\, \\hat{y}_j$ = ",
    },
}


def _bars(ax, values, labels, names, colors, fg):
    x = np.arange(len(values))
    ax.bar(x, values, color=colors, width=0.62)
    ax.axhline(0, color=fg, linewidth=0.8)
    ax.set_xticks(x, names)
    span = max(values.max(), 0) - min(values.min(), 0)
    for xi, v, label in zip(x, values, labels, strict=True):
        offset = 0.03 * span
        ax.text(
            xi,
            v + offset if v >= 0 else v - offset,
            label,
            ha="center",
            va="bottom" if v >= 0 else "top",
            fontsize=style.SMALL_PT,
        )
    # Room under a negative bar for its number, clear of the axis below.
    low = min(values.min(), 0) - 0.3 * span
    ax.set_ylim(low if values.min() < 0 else 0, max(values.max(), 0) + 0.16 * span)


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    t = TEXT[lang]
    c = style.colors(theme)
    names = CLASS_NAMES[lang]
    colors = style.CLASS_COLORS[: len(names)]

    # Narrow: the panels stacked, top to bottom, with the arrows pointing down at the right,
    # beside the titles (which move to the left to make room).
    if narrow:
        fig, axes = plt.subplots(
            3, 1, figsize=(style.NARROW_WIDTH_IN, 7.0), layout="constrained", gridspec_kw={"hspace": 0.1}
        )
        title_loc, ends = "left", ((0.97, -0.03), (0.97, 1.03))
    else:
        fig, axes = plt.subplots(1, 3, figsize=(7.0, 3.1), layout="constrained", gridspec_kw={"wspace": 0.12})
        title_loc, ends = "center", ((0.92, 0.5), (-0.12, 0.5))
    panels = [(Z, SHOWN["z"], t["scores"]), (EXP_Z, SHOWN["exp"], t["exp"]), (PROBS, SHOWN["probs"], t["probs"])]
    for ax, (values, labels, title) in zip(axes, panels, strict=True):
        _bars(ax, values, labels, names, colors, c["fg"])
        ax.set_title(title, fontsize=style.BODY_PT, loc=title_loc)
    # Bars fall from left to right, so the top right corner is free for the totals.
    for ax, label in ((axes[1], t["sum"] + TOTALS["exp"]), (axes[2], t["total"] + TOTALS["probs"])):
        ax.text(
            0.98, 0.97, label, transform=ax.transAxes, ha="right", va="top", color=c["muted"], fontsize=style.BODY_PT
        )
    axes[2].set_ylim(0, 1.08)

    # Arrows between panels: each step turns the left panel's numbers into the right one's.
    for left in (0, 1):
        arrow = plt.matplotlib.patches.ConnectionPatch(
            xyA=ends[0],
            coordsA=axes[left].transAxes,
            xyB=ends[1],
            coordsB=axes[left + 1].transAxes,
            arrowstyle="-|>",
            color=c["muted"],
            linewidth=1.4,
            mutation_scale=14,
        )
        fig.add_artist(arrow)
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
