"""Calibration of the digits classifier: reliability diagrams before and after temperature scaling.

The held-out digits are split in two halves: the temperature T is fitted on one, and the
diagrams are drawn on the other. Bars show the accuracy within each confidence bin; a
calibrated model's bars sit on the diagonal. Run alone: ``python figures/reliability_diagram.py``.
"""

import sys

import matplotlib.pyplot as plt

from lastlayer import fmt, maths, models, style

DATA = models.digits()
FIT, EVAL = models.calibration_split()
SCORES = models.digits_model().scores(DATA.X_test)
T = models.fit_temperature(SCORES[FIT], DATA.y_test[FIT])
BEFORE = maths.reliability(maths.softmax(SCORES[EVAL]), DATA.y_test[EVAL])
AFTER = maths.reliability(maths.softmax(SCORES[EVAL] / T), DATA.y_test[EVAL])
# Mean accuracy minus mean confidence: positive means under-confident.
GAP = float(BEFORE["count"] @ (BEFORE["accuracy"] - BEFORE["confidence"]) / len(EVAL))
GAP_AFTER = float(AFTER["count"] @ (AFTER["accuracy"] - AFTER["confidence"]) / len(EVAL))
DIRECTION = {"en": "under-confident" if GAP > 0 else "over-confident", "zh": "信心不足" if GAP > 0 else "过于自信"}

FIGURE = {
    "title": {
        "en": "Reliability of the digits classifier, before and after temperature scaling",
        "zh": "手写数字分类器的可靠性图：温度缩放前后",
    },
    "caption": {
        "en": (
            f"Reliability diagrams on {len(EVAL)} held-out digits. Left: the classifier as trained, expected "
            f"calibration error {fmt.num(BEFORE['ece'], 3)}; its mean accuracy differs from its mean confidence by "
            f"{fmt.num(GAP, 3)}, so it is {DIRECTION['en']}. Right: after dividing the scores by T = {fmt.num(T)}, "
            f"fitted on the other {len(FIT)} held-out digits, the error is {fmt.num(AFTER['ece'], 3)} but the gap is "
            f"{fmt.num(GAP_AFTER, 3)}: this T overshoots into over-confidence."
        ),
        "zh": (
            f"在 {len(EVAL)} 张留出数字上画出的可靠性图。左图是训练完成后的原始分类器，期望校准误差为 "
            f"{fmt.num(BEFORE['ece'], 3)}；平均准确率减去平均置信度为 {fmt.num(GAP, 3)}，说明它{DIRECTION['zh']}。"
            f"右图把分数除以 T = {fmt.num(T)}（在另外 {len(FIT)} 张留出数字上拟合）之后，误差变为 "
            f"{fmt.num(AFTER['ece'], 3)}，但差值变成 {fmt.num(GAP_AFTER, 3)}：这个 T 矫枉过正，模型变得过于自信。"
        ),
    },
    "alt": {
        "en": (
            "Two bar charts of accuracy against confidence in ten bins, each with a diagonal line for perfect "
            f"calibration. Expected calibration error {fmt.num(BEFORE['ece'], 3)} before and "
            f"{fmt.num(AFTER['ece'], 3)} after temperature scaling with T = {fmt.num(T)}."
        ),
        "zh": (
            "两张柱状图，横轴为置信度（分成十个区间），纵轴为该区间内的准确率，对角线表示完全校准。"
            f"温度缩放（T = {fmt.num(T)}）前的期望校准误差为 {fmt.num(BEFORE['ece'], 3)}，"
            f"缩放后为 {fmt.num(AFTER['ece'], 3)}。"
        ),
    },
}

TEXT = {
    "en": {
        "x": "confidence (top probability)",
        "y": "accuracy",
        "before": "as trained",
        "after": f"temperature scaled, T = {fmt.num(T)}",
        "n": "images per bin",
    },
    "zh": {
        "x": "置信度（最大概率）",
        "y": "准确率",
        "before": "原始模型",
        "after": f"温度缩放后，T = {fmt.num(T)}",
        "n": "每个区间的图像数",
    },
}


def draw(lang: str = "en", theme: str = "light"):
    c, t = style.colors(theme), TEXT[lang]
    fig, axes = plt.subplots(1, 2, figsize=(9.0, 4.0), layout="constrained", sharey=True)
    for ax, result, title in ((axes[0], BEFORE, t["before"]), (axes[1], AFTER, t["after"])):
        edges = result["edges"]
        width = edges[1] - edges[0]
        filled = result["count"] > 0
        ax.bar(
            edges[:-1][filled],
            result["accuracy"][filled],
            width=width,
            align="edge",
            color="#56B4E9",
            edgecolor=c["bg"],
            alpha=0.9,
        )
        ax.plot([0, 1], [0, 1], color=c["fg"], linewidth=1.2, linestyle="--")
        for x, n in zip(edges[:-1][filled], result["count"][filled], strict=True):
            ax.text(x + width / 2, 0.02, str(n), ha="center", va="bottom", fontsize=7.5, color=c["bg"])
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.02)
        ax.set_xlabel(t["x"])
        ax.set_title(f"{title}\nECE = {fmt.num(result['ece'], 3)}", fontsize=10.5)
    axes[0].set_ylabel(t["y"])
    return fig


if __name__ == "__main__":
    style.show_or_save(draw, sys.argv)
