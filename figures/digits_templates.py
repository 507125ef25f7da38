"""The learned templates of a linear softmax classifier on the 8×8 handwritten digits.

Column j of W, reshaped to 8×8, is the template of digit j: violet pixels raise the
score of j when they are inked, red pixels lower it. Trained by lastlayer.models.
Run alone: ``python figures/digits_templates.py``.
"""

import sys

import numpy as np

from lastlayer import figures, fmt, models, style

MODEL = models.digits_model()
DATA = models.digits()
ACCURACY = MODEL.accuracy(DATA.X_test, DATA.y_test)
N_TEST = len(DATA.y_test)

FIGURE = {
    "title": {"en": "Templates of a linear classifier on handwritten digits", "zh": "线性分类器在手写数字上学到的模板"},
    "caption": {
        "en": (
            "Templates learned by a linear softmax classifier on scikit-learn's 8×8 handwritten digits: column j "
            "of W drawn as an image. Violet pixels raise the score of digit j when inked, red pixels lower it. "
            f"Held-out accuracy: {fmt.num(100 * ACCURACY, 1)}% on {N_TEST} test images."
        ),
        "zh": (
            "线性 softmax 分类器在 scikit-learn 自带的 8×8 手写数字上学到的模板：把 W 的第 j 列画成图像。"
            "紫色像素有墨迹时会提高数字 j 的分数，红色像素则会降低它。"
            f"在 {N_TEST} 张测试图像上的准确率为 {fmt.num(100 * ACCURACY, 1)}%。"
        ),
    },
    "alt": {
        "en": (
            "Ten 8×8 heat maps in two rows, one per digit 0 to 9, on one shared colour scale with a colour bar. "
            "Some show a rough outline of their digit in violet, others little of it; red marks where ink would "
            "suggest another digit. The template of 0 has a red centre with violet to its left and right."
        ),
        "zh": (
            "两行共十张 8×8 热图，依次对应数字 0 到 9，共用一个色标。有的图用紫色勾出了该数字粗略的轮廓，"
            "有的几乎看不出来；红色表示那里有墨迹时更像别的数字。数字 0 的模板中心为红色，左右两侧为紫色。"
        ),
    },
}

TEXT = {"en": "digit", "zh": "数字"}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    c = style.colors(theme)
    limit = np.abs(MODEL.W).max()
    titles = [f"{TEXT[lang]} {j}" for j in range(10)]
    # On a phone the same 2 × 5 grid takes the whole width, and the colour bar goes under it.
    size, bar_at = ((style.NARROW_WIDTH_IN, 2.6), "bottom") if narrow else ((7.0, 3.3), "right")
    fig, axes, image = style.digit_grid(
        MODEL.W.T, titles, theme, size, cmap=style.diverging(theme), vmin=-limit, vmax=limit
    )
    bar = fig.colorbar(image, ax=axes, shrink=0.9, pad=0.02, location=bar_at)
    bar.set_label("$w_{ij}$")
    bar.outline.set_edgecolor(c["muted"])
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
