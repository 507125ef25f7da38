"""Calibration of the digits classifier: reliability diagrams before and after temperature scaling.

Every one of the 1797 digits is scored by a linear classifier trained without it (5-fold
cross-validation), and each fold's scores are temperature scaled with the T fitted on the
other folds. The predictions are sorted by confidence into ten bins holding the same number
of predictions (the bands); a dot marks each bin's accuracy at its mean confidence, and the
hatched bar is its gap to the diagonal, where a calibrated model's dots would sit.
Run alone: ``python figures/reliability_diagram.py``.
"""

import sys

import matplotlib.pyplot as plt
from matplotlib.patches import Patch

from lastlayer import figures, fmt, models, style

STUDY = models.crossval_calibration()
N, FOLDS, BINS = STUDY["n"], models.CROSSVAL_FOLDS, models.RELIABILITY_BINS
PER_BIN = round(N / BINS)
GAP_WIDTH = 0.035  # of the hatched gap bars, in units of confidence
T_RANGE = f"{fmt.num(STUDY['T'].min())}–{fmt.num(STUDY['T'].max())}"
DIRECTION = {
    "en": "under-confident" if STUDY["gap_before"] > 0 else "over-confident",
    "zh": "信心不足" if STUDY["gap_before"] > 0 else "过于自信",
}

FIGURE = {
    "title": {
        "en": "Reliability of the digits classifier, before and after temperature scaling",
        "zh": "手写数字分类器的可靠性图：温度缩放前后",
    },
    "caption": {
        "en": (
            f"Reliability diagrams of the linear digits classifier on all {N} digits, each predicted by a model "
            f"trained without it ({FOLDS}-fold cross-validation). The predictions are sorted by confidence into "
            f"{BINS} bins of about {PER_BIN} each (the alternating bands, narrow where predictions crowd together); "
            "a dot marks a bin's accuracy at its mean confidence, and the hatched bar is its gap to the diagonal. "
            f"First panel, as trained: the dots lie above the diagonal ({DIRECTION['en']}). Second panel, temperature "
            "scaled: each fold's scores "
            "divided by the T fitted on the other folds; the gaps almost vanish, and most predictions move close "
            "to full confidence."
        ),
        "zh": (
            f"线性手写数字分类器在全部 {N} 张数字图像上的可靠性图，每张图像都由没有见过它的模型预测"
            f"（{FOLDS} 折交叉验证）。预测按置信度排序，分成 {BINS} 个区间，每个区间大约 {PER_BIN} 个预测"
            "（深浅交替的竖条，预测越密集竖条越窄）；圆点是区间的准确率，横坐标为区间的平均置信度，"
            f"斜线柱是它与对角线之间的差距。第一幅子图是训练完成后的原始模型，圆点都在对角线上方（{DIRECTION['zh']}）。"
            "第二幅子图（温度缩放后）把每一折的分数除以在其余各折上拟合的 T，差距几乎消失，"
            "大多数预测的置信度都移到了接近 1 的地方。"
        ),
    },
    "alt": {
        "en": (
            "Two plots of accuracy against confidence, each with a dashed diagonal for perfect calibration and "
            f"{BINS} bands of unequal width, one per bin of about {PER_BIN} predictions. First, as trained: the "
            "dots lie above the diagonal, furthest in the two lowest-confidence bins, with hatched bars down to it; "
            "expected "
            f"calibration error {fmt.num(STUDY['ece_before'], 3)}. Second, after temperature scaling with T "
            f"between {fmt.num(STUDY['T'].min())} and {fmt.num(STUDY['T'].max())}: most bands are squeezed near "
            "confidence 1 and the dots sit on the diagonal; "
            f"error {fmt.num(STUDY['ece_after'], 3)}."
        ),
        "zh": (
            f"两张图，横轴为置信度，纵轴为准确率，虚线对角线表示完全校准；{BINS} 条宽窄不一的竖条各是一个区间，"
            f"每个区间大约 {PER_BIN} 个预测。第一张为原始模型：圆点在对角线上方，置信度最低的两个区间离得最远，"
            f"斜线柱一直连到对角线；期望校准误差为 {fmt.num(STUDY['ece_before'], 3)}。"
            f"第二张为温度缩放（T 在 {T_RANGE} 之间）之后：大多数竖条挤在置信度 1 附近，圆点落在对角线上；"
            f"误差为 {fmt.num(STUDY['ece_after'], 3)}。"
        ),
    },
}

TEXT = {
    "en": {
        "x": "confidence (top probability)",
        "y": "accuracy",
        "before": "as trained",
        "after": f"temperature scaled, $T$ = {T_RANGE}",
        "band": f"one bin: about {PER_BIN} predictions",
        "point": "accuracy at the bin's mean confidence",
        "gap": "gap to the diagonal",
        "diagonal": "perfect calibration",
    },
    "zh": {
        "x": "置信度（最大概率）",
        "y": "准确率",
        "before": "原始模型",
        "after": f"温度缩放后，$T$ = {T_RANGE}",
        "band": f"一个区间：约 {PER_BIN} 个预测",
        "point": "区间的准确率（横坐标为平均置信度）",
        "gap": "与对角线的差距",
        "diagonal": "完全校准",
    },
}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    c, t = style.colors(theme), TEXT[lang]
    # Narrow: the two panels stacked, each with its own accuracy axis, the legend in one column.
    grid, size = ((2, 1), (style.NARROW_WIDTH_IN, 7.6)) if narrow else ((1, 2), (7.0, 4.3))
    fig, axes = plt.subplots(*grid, figsize=size, layout="constrained", sharey=True)
    panels = ((axes[0], "before", t["before"]), (axes[1], "after", t["after"]))
    for ax, key, title in panels:
        r = STUDY[f"reliability_{key}"]
        # Each bin's confidences, as alternating bands: narrow where predictions crowd together.
        for i, (low, high) in enumerate(zip(r["low"], r["high"], strict=True)):
            ax.axvspan(low, high, color=c["grid"], alpha=0.75 if i % 2 == 0 else 0.35, linewidth=0)
        # The gap: from where a calibrated bin would sit (on the diagonal) up or down to its accuracy.
        ax.bar(
            r["confidence"],
            r["accuracy"] - r["confidence"],
            bottom=r["confidence"],
            width=GAP_WIDTH,
            fill=False,
            hatch="////",
            edgecolor=c["fg"],
            linewidth=0.8,
        )
        ax.plot([0, 1], [0, 1], color=c["fg"], linewidth=1.2, linestyle="--")
        ax.plot(r["confidence"], r["accuracy"], color=c["fg"], marker="o", markersize=4.5, linewidth=1.3)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.03)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0", "0.25", "0.5", "0.75", "1"])
        ax.set_xlabel(t["x"])
        ax.set_title(f"{title}\nECE = {fmt.num(STUDY[f'ece_{key}'], 3)}")
    for ax in axes if narrow else axes[:1]:
        ax.set_ylabel(t["y"])
    handles = [
        Patch(color=c["grid"], alpha=0.75, label=t["band"]),
        plt.Line2D([], [], color=c["fg"], marker="o", markersize=4.5, linewidth=1.3, label=t["point"]),
        Patch(fill=False, hatch="////", edgecolor=c["fg"], linewidth=0.8, label=t["gap"]),
        plt.Line2D([], [], color=c["fg"], linewidth=1.2, linestyle="--", label=t["diagonal"]),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=1 if narrow else 2, frameon=False, handlelength=1.8)
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
