"""What raises each class's score in a small deep network, seen in pixels.

In a network x → h = tanh(xV + c) → z = hW + b, class j's template wⱼ lives in the
32-dimensional feature space of h. Top: gradient ascent finds a change δ to the mean digit
that raises zⱼ, with a penalty on rough (pixel-to-pixel) and large changes and the changed
image kept in [0, 1], drawn in the linear classifier's colours but on its own scale (violet:
more ink, red: less). The penalty makes these changes smoother than the linear templates.
Bottom: the mean of the real digits that score highest for each class, for comparison.
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
LIMIT = np.abs(CHANGES).max()  # the top colour bar's reach: its own, not the linear templates'
LINEAR_LIMIT = np.abs(models.digits_model().W).max()

FIGURE = {
    "title": {
        "en": "What raises each class's score in a small network, seen in pixels",
        "zh": "小型网络中能提高各类分数的输入改动",
    },
    "caption": {
        "en": (
            f"A network with one hidden layer of {HIDDEN} units, trained on the same digits "
            f"(held-out accuracy {fmt.num(100 * ACCURACY, 1)}%). Its last-layer templates live in the hidden "
            "feature space and cannot be drawn as images; what can be drawn is how the input would have to "
            "change to raise a class's score. Top, in the colours of the linear templates but on "
            f"its own scale (up to ±{fmt.num(LIMIT)}, where the linear templates reach ±{fmt.num(LINEAR_LIMIT)}): "
            "a change to the mean digit that raises one class's score, found by gradient ascent with penalties on "
            "rough and on large changes, the changed image kept between no ink and full ink; violet adds ink, red "
            "removes it. Bottom: the mean of the "
            f"{TOP} training digits that score highest for each class."
        ),
        "zh": (
            f"一个含 {HIDDEN} 个隐藏单元的单隐层网络，在同一份手写数字上训练"
            f"（测试集准确率 {fmt.num(100 * ACCURACY, 1)}%）。它最后一层的模板位于隐藏层的特征空间里，"
            "无法直接画成图像；能画出来的，是输入要怎样改动才能提高某一类的分数。上方两行沿用线性模板的配色，但色标范围单独设定"
            f"（最大到 ±{fmt.num(LIMIT)}，线性模板则到 ±{fmt.num(LINEAR_LIMIT)}）：画的是对平均数字图像所做的改动，"
            "由梯度上升找出，能提高某一类的分数；搜索时惩罚不平滑和幅度过大的改动，"
            "并让改动后的图像保持在无墨与满墨之间。紫色表示加墨，红色表示去墨。"
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
            "上下两组图，每组十张 8×8 小图，依次对应数字 0 到 9。上面一组是紫红两色的热图，带色标："
            "紫色是在平均数字上加墨的地方，红色是去墨的地方；有些数字能看出形状，比如 0 是紫色圆环围着红色中心。"
            "下面一组是得分最高的真实数字平均后的灰度图，每张都能清楚认出是哪个数字。"
        ),
    },
}

TEXT = {
    "en": {
        "digit": "digit",
        "changes": "Smooth change to the mean digit that raises $z_j$",
        "examples": f"Mean of the {TOP} training digits with the highest $z_j$",
        # The titles over two lines, for the narrow layout.
        "changes_narrow": "Smooth change to the mean digit\nthat raises $z_j$",
        "examples_narrow": f"Mean of the {TOP} training digits\nwith the highest $z_j$",
        "delta": "change in ink $\\delta_i$",
        "ink": "ink",
    },
    "zh": {
        "digit": "数字",
        "changes": "对平均数字所做的、能提高 $z_j$ 的平滑改动",
        "examples": f"$z_j$ 最高的 {TOP} 张训练图像的平均",
        "changes_narrow": "对平均数字所做的、\n能提高 $z_j$ 的平滑改动",
        "examples_narrow": f"$z_j$ 最高的 {TOP} 张\n训练图像的平均",
        "delta": "墨迹变化 $\\delta_i$",
        "ink": "墨迹",
    },
}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    import matplotlib.pyplot as plt

    c, t = style.colors(theme), TEXT[lang]
    titles = [f"{t['digit']} {j}" for j in range(10)]
    # On a phone each 2 × 5 grid takes the whole width, its colour bar goes under it and its
    # title over two lines.
    size, bar_at, suffix = ((style.NARROW_WIDTH_IN, 6.2), "bottom", "_narrow") if narrow else ((7.0, 6.5), "right", "")
    fig = plt.figure(figsize=size, layout="constrained")
    top, bottom = fig.subfigures(2, 1, hspace=0.04)
    _, axes, image = style.digit_grid(
        CHANGES, titles, theme, fig=top, cmap=style.diverging(theme), vmin=-LIMIT, vmax=LIMIT
    )
    bar = top.colorbar(image, ax=axes, shrink=0.9, pad=0.02, location=bar_at)
    if narrow:  # −0.75 … 0.75 without trailing zeros, so that the labels do not touch under the grid
        bar.formatter = plt.matplotlib.ticker.StrMethodFormatter("{x:g}")
    bar.set_label(t["delta"])
    bar.outline.set_edgecolor(c["muted"])
    top.suptitle(t["changes" + suffix])
    # Ink from the page's background to its text colour, so the digits read the same in both themes.
    ink = plt.matplotlib.colors.LinearSegmentedColormap.from_list(f"ink-{theme}", [c["bg"], c["fg"]])
    _, axes, image = style.digit_grid(EXAMPLES, titles, theme, fig=bottom, cmap=ink, vmin=0, vmax=1)
    bar = bottom.colorbar(image, ax=axes, shrink=0.9, pad=0.02, location=bar_at)
    bar.set_label(t["ink"])
    bar.outline.set_edgecolor(c["muted"])
    bottom.suptitle(t["examples" + suffix])
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
