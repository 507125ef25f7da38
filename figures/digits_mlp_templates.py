"""Last-layer templates of a small deep network, mapped back to input space.

In a network x → h = tanh(xV + c) → z = hW + b, class j's template wⱼ lives in the
32-dimensional feature space of h. Top: gradient ascent finds the change δ to the mean digit
that raises zⱼ most, with a penalty on rough (pixel-to-pixel) and large changes, drawn like
the linear classifier's templates (violet: more ink, red: less). Bottom: the mean of the
real digits that score highest for each class, for comparison.
Run alone: ``python figures/digits_mlp_templates.py``.
"""

import sys

import numpy as np

from lastlayer import figures, fmt, models, style

NET = models.digits_mlp()
DATA = models.digits()
ACCURACY = NET.accuracy(DATA.X_test, DATA.y_test)
HIDDEN = NET.W.shape[0]
MEAN_DIGIT = DATA.X_train.mean(axis=0)
CHANGES = np.array([models.smooth_input_template(NET, j, MEAN_DIGIT) for j in range(10)])
TOP = 20
EXAMPLES = np.array([models.most_activating_mean(NET, j, DATA.X_train, TOP) for j in range(10)])

FIGURE = {
    "title": {
        "en": "Last-layer templates of a small network, mapped back to pixels",
        "zh": "小型网络最后一层的模板，映射回像素空间",
    },
    "caption": {
        "en": (
            f"Templates of a network with one hidden layer of {HIDDEN} units, trained on the same digits "
            f"(held-out accuracy {fmt.num(100 * ACCURACY, 1)}%). Its last-layer templates live in the hidden "
            "feature space, so they are mapped back to pixels. Top, on the colour scale of the linear templates: "
            "the change to the mean digit that raises one class's score most, found by gradient ascent with a "
            "penalty on rough changes; violet adds ink, red removes it. Bottom: the mean of the "
            f"{TOP} training digits that score highest for each class."
        ),
        "zh": (
            f"一个含 {HIDDEN} 个隐藏单元的单隐层网络在同一份手写数字上训练后的模板"
            f"（留出准确率 {fmt.num(100 * ACCURACY, 1)}%）。它最后一层的模板位于隐藏层的特征空间里，"
            "所以要映射回像素空间才能看见。上方两行与线性模板使用同一种配色：用梯度上升找到的、"
            "对平均数字图像所做的最能提高某一类分数的改动，并惩罚不平滑的改动；紫色表示加墨，红色表示去墨。"
            f"下方两行：每一类得分最高的 {TOP} 张训练图像的平均。"
        ),
    },
    "alt": {
        "en": (
            "Two grids of ten 8×8 images, one image per digit 0 to 9. Top grid: heat maps in violet and red with "
            "a colour bar: violet where ink is added to the mean digit, red where it is removed; for some digits the "
            "shape shows, such as the violet ring around a red centre of 0. Bottom grid: grey images of the "
            "averaged highest-scoring real "
            "digits, each clearly its digit."
        ),
        "zh": (
            "上下两组图，每组十张 8×8 小图，依次对应数字 0 到 9。上面一组是紫红两色的热力图，带色标："
            "紫色是在平均数字上加墨的地方，红色是去墨的地方；有些数字能看出形状，比如 0 是紫色圆环围着红色中心。"
            "下面一组是得分最高的真实数字平均后的灰度图，每张都能清楚认出是哪个数字。"
        ),
    },
}

TEXT = {
    "en": {
        "digit": "digit",
        "changes": "Change to the mean digit that raises $z_j$ most",
        "examples": f"Mean of the {TOP} training digits with the highest $z_j$",
        "delta": "change in ink $\\delta_i$",
        "ink": "ink",
    },
    "zh": {
        "digit": "数字",
        "changes": "对平均数字最能提高 $z_j$ 的改动",
        "examples": f"$z_j$ 最高的 {TOP} 张训练图像的平均",
        "delta": "墨迹变化 $\\delta_i$",
        "ink": "墨迹",
    },
}


def draw(lang: str = "en", theme: str = "light"):
    import matplotlib.pyplot as plt

    c, t = style.colors(theme), TEXT[lang]
    titles = [f"{t['digit']} {j}" for j in range(10)]
    fig = plt.figure(figsize=(7.0, 6.5), layout="constrained")
    top, bottom = fig.subfigures(2, 1, hspace=0.04)
    limit = np.abs(CHANGES).max()
    _, axes, image = style.digit_grid(
        CHANGES, titles, theme, fig=top, cmap=style.diverging(theme), vmin=-limit, vmax=limit
    )
    bar = top.colorbar(image, ax=axes, shrink=0.9, pad=0.02)
    bar.set_label(t["delta"])
    bar.outline.set_edgecolor(c["muted"])
    top.suptitle(t["changes"])
    # Ink from the page's background to its text colour, so the digits read the same in both themes.
    ink = plt.matplotlib.colors.LinearSegmentedColormap.from_list(f"ink-{theme}", [c["bg"], c["fg"]])
    _, axes, image = style.digit_grid(EXAMPLES, titles, theme, fig=bottom, cmap=ink, vmin=0, vmax=1)
    bar = bottom.colorbar(image, ax=axes, shrink=0.9, pad=0.02)
    bar.set_label(t["ink"])
    bar.outline.set_edgecolor(c["muted"])
    bottom.suptitle(t["examples"])
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
