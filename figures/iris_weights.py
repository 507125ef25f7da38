"""A softmax classifier on the iris measurements: its weights, and one flower's contributions.

Top, W: one column per species, one row per (standardised) measurement. Bottom, for one
held-out flower, what each measurement adds to each species' score (wᵢⱼ·xᵢ), then the
bias, the score and the probability. Trained by lastlayer.models. The lower table's numbers are
rounded so that each column adds up, as shown, to its score, and the probabilities to 1
(``lastlayer.values_weighting.flower_table``).
Run alone: ``python figures/iris_weights.py``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

from lastlayer import figures, fmt, models, style
from lastlayer.values_weighting import flower_table, shown

MODEL = models.iris_model()
DATA = models.iris()
FLOWER = models.iris_flower()
X = DATA.X_test[FLOWER]
CONTRIB = MODEL.W * X[:, None]
Z = MODEL.scores(X)
P = MODEL.predict_proba(X)
ACCURACY = MODEL.accuracy(DATA.X_test, DATA.y_test)
# The lower table as shown: contributions and bias add up to the score in every column.
SHOWN = flower_table()


def _species(lang, j):
    return models.IRIS_SPECIES[lang][j]


FIGURE = {
    "title": {
        "en": "Weights of a softmax classifier on the iris data, and one flower's contributions",
        "zh": "鸢尾花数据上 softmax 分类器的权重及一朵花的各项贡献",
    },
    "caption": {
        "en": (
            "A softmax classifier trained on the iris measurements (standardised; held-out accuracy "
            f"{fmt.num(100 * ACCURACY, 1)}%). Top: the weights W, violet positive and red negative. Bottom: one "
            f"held-out flower, a {_species('en', DATA.y_test[FLOWER])} that the classifier gets wrong (it gives "
            f"{_species('en', int(np.argmax(P)))} the larger probability): the contribution wᵢⱼ·xᵢ of each "
            "measurement to each species' score, the bias, the score zⱼ and, under each column, the probability ŷⱼ. "
            "The contributions are rounded so that each column adds up to its score as shown, so a shown weight "
            "times a shown x can differ from them in the last digit. Both tables share one colour scale."
        ),
        "zh": (
            f"在鸢尾花测量数据（已标准化）上训练的 softmax 分类器，测试集准确率 {fmt.num(100 * ACCURACY, 1)}%。"
            "上表：权重 W，紫色为正，红色为负。下表：测试集中的一朵花（真实类别为"
            f"{_species('zh', DATA.y_test[FLOWER])}，分类器却判错了，给{_species('zh', int(np.argmax(P)))}"
            "的概率更高）上，每项测量对每一类分数的贡献 wᵢⱼ·xᵢ，以及偏置、分数 zⱼ，每列下方标出概率 ŷⱼ。"
            "贡献经过统一舍入，使每一列加起来正好等于所示的分数，"
            "所以用表中的权重乘以 x，结果的最后一位可能与表中的贡献不同。"
            "两张表共用一个色标。"
        ),
    },
    "alt": {
        "en": (
            "Two tables of coloured numbers, one above the other, on one colour scale with a colour bar. "
            "Top, weights per measurement (rows) and species (columns): "
            + "; ".join(f"{models.IRIS_FEATURES['en'][i]} {fmt.vector(MODEL.W[i])}" for i in range(4))
            + f". Bottom, for one flower, scores {', '.join(SHOWN['score'])} and probabilities "
            + f"{', '.join(SHOWN['p'])} for "
            + ", ".join(models.IRIS_SPECIES["en"])
            + "."
        ),
        "zh": (
            "上下两张带颜色的数字表，共用一个色标。上表是各测量（行）对各类（列）的权重："
            + "；".join(f"{models.IRIS_FEATURES['zh'][i]} {fmt.vector(MODEL.W[i], sep='、')}" for i in range(4))
            + f"。下表是一朵花的情况：{'、'.join(models.IRIS_SPECIES['zh'])}的分数依次为 {'、'.join(SHOWN['score'])}，"
            f"概率依次为 {'、'.join(SHOWN['p'])}。"
        ),
    },
}

TEXT = {
    "en": {
        "weights": "weights $W$",
        "flower": "one held-out flower: contributions $w_{ij}x_i$, bias, score",
        "flower_narrow": "one held-out flower:\ncontributions $w_{ij}x_i$, bias, score",
        "bias": "bias $b_j$",
        "z": "score $z_j$",
        "p": "$\\hat{y}_j$",
        "bar": "weight, contribution or score",
        "feature": "{name} ($x_i$ = {x})",
        "feature_narrow": "{name}\n($x_i$ = {x})",
    },
    "zh": {
        "weights": "权重 $W$",
        "flower": "测试集中的一朵花：贡献 $w_{ij}x_i$、偏置与分数",
        "flower_narrow": "测试集中的一朵花：\n贡献 $w_{ij}x_i$、偏置与分数",
        "bias": "偏置 $b_j$",
        "z": "分数 $z_j$",
        "p": "$\\hat{y}_j$",
        "bar": "权重、贡献或分数",
        "feature": "{name}（$x_i$ = {x}）",
        "feature_narrow": "{name}\n（$x_i$ = {x}）",
    },
}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    t = TEXT[lang]
    c = style.colors(theme)
    # Phones: the lower title and row labels over two lines and the colour bar below, so the tables keep the width.
    if narrow:
        size, ratios, suffix, bar = (style.NARROW_WIDTH_IN, 7.4), (4, 8.4), "_narrow", {"location": "bottom"}
    else:
        size, ratios, suffix, bar = (7.0, 5.0), (4, 6.6), "", {"shrink": 0.7}
    features = [
        t["feature" + suffix].format(name=name, x=fmt.num(x))
        for name, x in zip(models.IRIS_FEATURES[lang], X, strict=True)
    ]
    species = models.IRIS_SPECIES[lang]
    # Stacked, so the species columns get the whole width; one colour scale for both tables.
    fig, (top, bottom) = plt.subplots(2, 1, figsize=size, layout="constrained", height_ratios=ratios)
    limit = max(np.abs(MODEL.W).max(), np.abs(CONTRIB).max(), np.abs(Z).max())
    image = style.heatmap(top, MODEL.W, models.IRIS_FEATURES[lang], species, theme, limit)
    top.set_title(t["weights"])
    # Drawn from the shown numbers, so that every column adds up as printed.
    table = np.array([[shown(v) for v in row] for row in [*SHOWN["contrib"], SHOWN["bias"], SHOWN["score"]]])
    style.heatmap(bottom, table, [*features, t["bias"], t["z"]], species, theme, limit)
    bottom.axhline(3.5, color=c["fg"], linewidth=1.2)
    bottom.axhline(4.5, color=c["fg"], linewidth=1.2)
    bottom.set_title(t["flower" + suffix])
    bottom.set_xticks(range(3), [f"{s}\n{t['p']} = {p}" for s, p in zip(species, SHOWN["p"], strict=True)])
    style.colorbar(fig, image, [top, bottom], t["bar"], theme, **bar)
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
