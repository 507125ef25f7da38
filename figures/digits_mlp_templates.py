"""Last-layer templates of a small deep network, mapped back to input space.

In a network x → h = tanh(xV + c) → z = hW + b, class j's template wⱼ lives in the
32-dimensional feature space of h. Gradient ascent on the input finds the 8×8 image whose
features match wⱼ best (with a small penalty on ink), which we can look at.
Run alone: ``python figures/digits_mlp_templates.py``.
"""

import sys

import numpy as np

from lastlayer import fmt, models, style

NET = models.digits_mlp()
DATA = models.digits()
ACCURACY = NET.accuracy(DATA.X_test, DATA.y_test)
HIDDEN = NET.W.shape[0]
IMAGES = np.array([models.input_template(NET, j) for j in range(10)])

FIGURE = {
    "title": {
        "en": "Last-layer templates of a small network, mapped back to pixels",
        "zh": "小型网络最后一层的模板，映射回像素空间",
    },
    "caption": {
        "en": (
            f"Templates of a network with one hidden layer of {HIDDEN} units, trained on the same digits "
            f"(held-out accuracy {fmt.num(100 * ACCURACY, 1)}%). Its last-layer templates live in the hidden "
            "feature space; each image here is the input found by gradient ascent that maximises one class's "
            "score, brighter meaning more ink."
        ),
        "zh": (
            f"一个含 {HIDDEN} 个隐藏单元的单隐层网络在同一份手写数字上训练后的模板"
            f"（留出准确率 {fmt.num(100 * ACCURACY, 1)}%）。它最后一层的模板位于隐藏层的特征空间里；"
            "这里每张图是用梯度上升在输入空间找到的、使某一类分数最大的输入，越亮表示墨迹越多。"
        ),
    },
    "alt": {
        "en": (
            "Ten small 8×8 grey images in two rows, one per digit 0 to 9, each the input that most excites that "
            "digit's score in the trained network; bright strokes hint at the digit's shape."
        ),
        "zh": (
            "两行共十张 8×8 灰度小图，依次对应数字 0 到 9，"
            "每张都是最能激发该数字分数的输入，亮色笔画大致勾出数字的形状。"
        ),
    },
}

TEXT = {"en": "digit", "zh": "数字"}


def draw(lang: str = "en", theme: str = "light"):
    titles = [f"{TEXT[lang]} {j}" for j in range(10)]
    fig, _, _ = style.digit_grid(IMAGES, titles, theme, (7.6, 3.7), cmap="gray", vmin=0, vmax=1)
    return fig


if __name__ == "__main__":
    style.show_or_save(draw, sys.argv)
