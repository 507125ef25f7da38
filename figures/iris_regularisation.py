"""What L2 and L1 regularisation do to the iris classifier's weights.

The same softmax classifier trained three times: with a weak L2 penalty, a strong L2
penalty, and an L1 penalty. Strong L2 shrinks W as a whole (its norm falls) but not every
weight: a few move away from zero, and none becomes exactly zero. L1 sets weights exactly to
zero, and a whole row of zeros is a measurement the classifier ignores.
Run alone: ``python figures/iris_regularisation.py``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

from lastlayer import figures, fmt, models, style

DATA = models.iris()
PENALTIES = ("weak", "l2", "l1")
MODELS = {p: models.iris_model(p) for p in PENALTIES}
ACC = {p: m.accuracy(DATA.X_test, DATA.y_test) for p, m in MODELS.items()}
NORMS = {p: float(np.linalg.norm(m.W)) for p, m in MODELS.items()}
ZEROS = {p: int(np.sum(m.W == 0)) for p, m in MODELS.items()}
# Only differences within a row count, so one zero per row is free; a row of zeros is an ignored measurement.
ZERO_ROWS = {p: int(np.sum((m.W == 0).all(axis=1))) for p, m in MODELS.items()}
# Weights that the strong L2 penalty moves away from zero, (measurement, species) pairs.
GROWN = np.argwhere(np.abs(MODELS["l2"].W) > np.abs(MODELS["weak"].W))
IGNORED = {
    lang: [models.IRIS_FEATURES[lang][i] for i in np.flatnonzero((MODELS["l1"].W == 0).all(axis=1))]
    for lang in ("en", "zh")
}

LABELS = {
    "en": {
        "weak": f"weak L2 (λ = {models.IRIS_WEAK_L2:g})",
        "l2": f"strong L2 (λ = {models.IRIS_L2:g})",
        "l1": f"L1 (λ = {models.IRIS_L1:g})",
        "summary": (
            "{name}: ‖W‖ = {norm}, accuracy {acc}%, {zeros} weights exactly zero and {rows} rows all zero "
            "(counted from the weights: the tables print exact and rounded zeros alike as 0.00)"
        ),
        "title": "{name}: $\\Vert W \\Vert$ = {norm}, accuracy {acc}%",
        "title_narrow": "{name}:\n$\\Vert W \\Vert$ = {norm}, accuracy {acc}%",
        "bar": "weight $w_{{ij}}$",
    },
    "zh": {
        "weak": f"弱 L2（λ = {models.IRIS_WEAK_L2:g}）",
        "l2": f"强 L2（λ = {models.IRIS_L2:g}）",
        "l1": f"L1（λ = {models.IRIS_L1:g}）",
        "summary": (
            "{name}：‖W‖ = {norm}，准确率 {acc}%，恰好为零的权重 {zeros} 个，全零行 {rows} 行"
            "（由权重本身数出；表中恰好为零与舍入为零的都印成 0.00）"
        ),
        "title": "{name}：$\\Vert W \\Vert$ = {norm}，准确率 {acc}%",
        "title_narrow": "{name}：\n$\\Vert W \\Vert$ = {norm}，准确率 {acc}%",
        "bar": "权重 $w_{{ij}}$",
    },
}


def _grown(lang):
    """The weights strong L2 moves away from zero, each as "whose weight: weak → strong"."""
    name = {"en": "{species}'s {feature} weight", "zh": "{species}的{feature}权重"}[lang]
    return {"en": "; ", "zh": "；"}[lang].join(
        name.format(species=models.IRIS_SPECIES[lang][j], feature=models.IRIS_FEATURES[lang][i])
        + f" {fmt.num(MODELS['weak'].W[i, j])} → {fmt.num(MODELS['l2'].W[i, j])}"
        for i, j in GROWN
    )


def _summary(lang, sep):
    L = LABELS[lang]
    return sep.join(
        L["summary"].format(
            name=L[p], norm=fmt.num(NORMS[p]), acc=fmt.num(100 * ACC[p], 1), zeros=ZEROS[p], rows=ZERO_ROWS[p]
        )
        for p in PENALTIES
    )


FIGURE = {
    "title": {
        "en": "L2 and L1 regularisation on the iris classifier's weights",
        "zh": "L2 与 L1 正则化对鸢尾花分类器权重的影响",
    },
    "caption": {
        "en": (
            "The iris classifier trained with three penalties on W. A strong L2 penalty shrinks W as a whole "
            f"(its norm falls from {fmt.num(NORMS['weak'])} to {fmt.num(NORMS['l2'])}) but not every weight: "
            f"{len(GROWN)} weights move away from zero ({_grown('en')}), and none becomes exactly zero. "
            "An L1 penalty sets weights exactly to zero, but since only "
            "differences between species count, a zero in every row comes for free; what matters is the row of zeros, "
            f"{', '.join(IGNORED['en'])}, a measurement the classifier now ignores. Accuracy is measured on "
            "held-out flowers."
        ),
        "zh": (
            "对 W 施加三种不同惩罚项后训练出的鸢尾花分类器。强 L2 惩罚让 W 整体变小"
            f"（范数从 {fmt.num(NORMS['weak'])} 降到 {fmt.num(NORMS['l2'])}），但并非每个权重都变小："
            f"有 {len(GROWN)} 个反而离零更远（{_grown('zh')}），也没有一个恰好为零。"
            "L1 惩罚会把权重压成零，不过只有类与类之间的差才算数，每行都能白得一个零；"
            f"真正有意义的是整行为零的{'、'.join(IGNORED['zh'])}，分类器从此不再看这项测量。准确率在测试集上测得。"
        ),
    },
    "alt": {
        "en": "Three tables of weights, one above the other on one colour scale, measurements by species. "
        + _summary("en", "; ")
        + ".",
        "zh": "上下三张权重表，共用一个色标，每行是一项测量，每列是一个类别。" + _summary("zh", "；") + "。",
    },
}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    L = LABELS[lang]
    # Stacked, so the species columns get the whole width; one colour scale for all three.
    # Phones: the titles over two lines and the colour bar below, so the tables keep the width.
    if narrow:
        size, title, bar = (style.NARROW_WIDTH_IN, 7.6), L["title_narrow"], {"location": "bottom", "shrink": 0.9}
    else:
        size, title, bar = (6.4, 6.6), L["title"], {"shrink": 0.6}
    fig, axes = plt.subplots(3, 1, figsize=size, layout="constrained")
    limit = max(np.abs(m.W).max() for m in MODELS.values())
    for ax, p in zip(axes, PENALTIES, strict=True):
        image = style.heatmap(ax, MODELS[p].W, models.IRIS_FEATURES[lang], models.IRIS_SPECIES[lang], theme, limit)
        ax.set_title(title.format(name=L[p], norm=fmt.num(NORMS[p]), acc=fmt.num(100 * ACC[p], 1)))
    style.colorbar(fig, image, axes, L["bar"], theme, **bar)
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
