"""A softmax classifier on the iris measurements: its weights, and one flower's contributions.

Left, W: one column per species, one row per (standardised) measurement. Right, for one
held-out flower, what each measurement adds to each species' score (wᵢⱼ·xᵢ), then the
bias, the score and the probability. Trained by lastlayer.models.
Run alone: ``python figures/iris_weights.py``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

from lastlayer import fmt, models, style

MODEL = models.iris_model()
DATA = models.iris()
FLOWER = models.iris_flower()
X = DATA.X_test[FLOWER]
CONTRIB = MODEL.W * X[:, None]
Z = MODEL.scores(X)
P = MODEL.predict_proba(X)
ACCURACY = MODEL.accuracy(DATA.X_test, DATA.y_test)


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
            f"{fmt.num(100 * ACCURACY, 1)}%). Left: the weights W, purple positive and orange negative. Right: one "
            f"held-out flower, a {_species('en', DATA.y_test[FLOWER])} that the classifier gets wrong (it gives "
            f"{_species('en', int(np.argmax(P)))} the larger probability): the contribution wᵢⱼ·xᵢ of each "
            "measurement to each species' score, the bias, the score zⱼ and the probability ŷⱼ."
        ),
        "zh": (
            f"在鸢尾花测量数据（已标准化）上训练的 softmax 分类器，留出准确率 {fmt.num(100 * ACCURACY, 1)}%。"
            "左图：权重 W，紫色为正，橙色为负。右图：一朵留出的花（真实品种为"
            f"{_species('zh', DATA.y_test[FLOWER])}，分类器却判错了，给{_species('zh', int(np.argmax(P)))}"
            "的概率更高）上，每项测量对每个品种分数的贡献 wᵢⱼ·xᵢ，以及偏置、分数 zⱼ 和概率 ŷⱼ。"
        ),
    },
    "alt": {
        "en": (
            "Two tables of coloured numbers. Left, weights per measurement (rows) and species (columns): "
            + "; ".join(f"{models.IRIS_FEATURES['en'][i]} {fmt.vector(MODEL.W[i])}" for i in range(4))
            + f". Right, for one flower, scores {fmt.vector(Z)} and probabilities {fmt.vector(P)} for "
            + ", ".join(models.IRIS_SPECIES["en"])
            + "."
        ),
        "zh": (
            "两张带颜色的数字表。左表是各测量（行）对各品种（列）的权重："
            + "；".join(f"{models.IRIS_FEATURES['zh'][i]} {fmt.vector(MODEL.W[i], sep='、')}" for i in range(4))
            + f"。右表是一朵花的情况：{'、'.join(models.IRIS_SPECIES['zh'])}的分数依次为 {fmt.vector(Z, sep='、')}，"
            f"概率依次为 {fmt.vector(P, sep='、')}。"
        ),
    },
}

TEXT = {
    "en": {
        "weights": "weights $W$",
        "flower": "one flower: $w_{ij}xᵢ$",
        "bias": "bias $b_j$",
        "z": "score $z_j$",
        "p": "probability",
    },
    "zh": {"weights": "权重 W", "flower": "一朵花：wᵢⱼxᵢ", "bias": "偏置 bⱼ", "z": "分数 zⱼ", "p": "概率"},
}


def draw(lang: str = "en", theme: str = "light"):
    t = TEXT[lang]
    features = [f"{name} ({fmt.num(x)})" for name, x in zip(models.IRIS_FEATURES[lang], X, strict=True)]
    species = models.IRIS_SPECIES[lang]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.8, 3.9), layout="constrained")
    limit = max(np.abs(MODEL.W).max(), np.abs(CONTRIB).max(), np.abs(Z).max())
    style.heatmap(left, MODEL.W, models.IRIS_FEATURES[lang], species, theme, limit)
    left.set_title(t["weights"])
    table = np.vstack([CONTRIB, MODEL.b, Z])
    style.heatmap(right, table, [*features, t["bias"], t["z"]], species, theme, limit)
    right.axhline(3.5, color=style.colors(theme)["fg"], linewidth=1)
    right.axhline(4.5, color=style.colors(theme)["fg"], linewidth=1)
    right.set_title(t["flower"])
    right.set_xticks(range(3), [f"{s}\n{t['p']} {fmt.num(p)}" for s, p in zip(species, P, strict=True)])
    return fig


if __name__ == "__main__":
    style.show_or_save(draw, sys.argv)
