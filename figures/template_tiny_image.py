"""Template matching on a 2×2-pixel image: flatten it, match it against each class's template.

Column j of W, reshaped to 2×2, is class j's template. The score zⱼ is the dot product of
the image with that template plus bⱼ. Run alone: ``python figures/template_tiny_image.py``.
"""

import sys

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, Rectangle

from lastlayer import figures, fmt, style
from lastlayer.examples import CLASS_NAMES, IMAGE_SHAPE, worked_example

EX = worked_example()
N, K = EX.W.shape
ROWS, COLS = IMAGE_SHAPE

FIGURE = {
    "title": {"en": "Template matching on a 2×2-pixel image", "zh": "2×2 像素小图上的模板匹配"},
    "caption": {
        "en": (
            "Template matching on a 2×2-pixel image. The image is flattened row by row into the feature column x. "
            "Column j of W, drawn back as a 2×2 image, is the template of class j (violet positive, red "
            "negative). Each score is the dot product of image and template plus the bias."
        ),
        "zh": (
            "在 2×2 像素的小图上做模板匹配。图像按行展开，得到特征列向量 x。"
            "把 W 的第 j 列重新排成 2×2 的小图，就是类别 j 的模板（紫色为正，红色为负）。"
            "每个分数都是图像与模板的点积再加上偏置。"
        ),
    },
    "alt": {
        "en": (
            f"A 2×2 grey image with pixel values {fmt.vector(EX.x)} is flattened into a column. Three 2×2 templates "
            + "; ".join(f"{CLASS_NAMES['en'][j]} {fmt.vector(EX.W[:, j])}" for j in range(K))
            + " are each multiplied with it; adding the biases gives the scores "
            + ", ".join(f"{CLASS_NAMES['en'][j]} {fmt.num(EX.z[j])}" for j in range(K))
            + "."
        ),
        "zh": (
            f"一张 2×2 的灰度图，像素值为 {fmt.vector(EX.x, sep='、')}，被展开成一列。三个 2×2 模板分别为"
            + "；".join(f"{CLASS_NAMES['zh'][j]} {fmt.vector(EX.W[:, j], sep='、')}" for j in range(K))
            + "；每个模板与它做点积，加上偏置后得到分数："
            + "，".join(f"{CLASS_NAMES['zh'][j]} {fmt.num(EX.z[j])}" for j in range(K))
            + "。"
        ),
    },
}

TEXT = {
    "en": {"image": "input image", "flatten": "flatten", "template": "templates $\\mathbf{w}_j$", "score": "score"},
    "zh": {"image": "输入图像", "flatten": "展开", "template": "模板 $\\mathbf{w}_j$", "score": "分数"},
}


def _cells(ax, x0, y0, values, size, cmap, norm, c, edge, numbers=True):
    grid = values.reshape(ROWS, COLS)
    for r in range(ROWS):
        for col in range(COLS):
            rgba = cmap(norm(grid[r, col]))
            ax.add_patch(
                Rectangle(
                    (x0 + col * size, y0 - (r + 1) * size), size, size, facecolor=rgba, edgecolor=edge, linewidth=1.2
                )
            )
            if numbers:
                ax.text(
                    x0 + (col + 0.5) * size,
                    y0 - (r + 0.5) * size,
                    fmt.num(grid[r, col]),
                    ha="center",
                    va="center",
                    fontsize=style.SMALL_PT,
                    color=style.text_on(rgba),
                )


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    t, c = TEXT[lang], style.colors(theme)
    names = CLASS_NAMES[lang]
    grey = plt.get_cmap("gray")
    weights = style.diverging(theme)
    wmax = abs(EX.W).max()
    wnorm = plt.Normalize(-wmax, wmax)

    # Narrow: the image and its column on top, moved right by `left`; the templates below
    # them, moved by (dx, dy).
    if narrow:
        size, xlim, ylim = (style.NARROW_WIDTH_IN, 6.9), (-0.2, 5.4), (-10.6, -0.1)
        left, dx, dy = 0.5, -4.6, -5.25
    else:
        size, xlim, ylim = (7.0, 4.2), (-0.2, 10.2), (-5.6, 0.95)
        left, dx, dy = 0.0, 0.0, 0.0
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)

    # The image, then its flattened column.
    _cells(ax, left, -1.4, EX.x, 1.0, grey, plt.Normalize(0, 1), c, c["fg"])
    ax.text(1.0 + left, -1.15, t["image"], ha="center", va="bottom", fontsize=style.BODY_PT)
    ax.add_patch(
        FancyArrowPatch((2.2 + left, -2.4), (3.2 + left, -2.4), arrowstyle="-|>", mutation_scale=14, color=c["muted"])
    )
    ax.text(2.7 + left, -2.2, t["flatten"], ha="center", va="bottom", fontsize=style.SMALL_PT, color=c["muted"])
    for i in range(N):
        rgba = grey(EX.x[i])
        ax.add_patch(Rectangle((3.4 + left, -0.8 - (i + 1) * 0.8), 0.8, 0.8, facecolor=rgba, edgecolor=c["fg"]))
        ax.text(
            3.8 + left,
            -0.8 - (i + 0.5) * 0.8,
            fmt.num(EX.x[i]),
            ha="center",
            va="center",
            fontsize=style.SMALL_PT,
            color=style.text_on(rgba),
        )
    ax.text(3.8 + left, -0.6, "$\\mathbf{x}$", ha="center", va="bottom", fontsize=style.TITLE_PT)

    # One row per class: template · x + bⱼ = zⱼ.
    ax.text(6.3 + dx, 0.5 + dy, t["template"], ha="center", va="bottom", fontsize=style.BODY_PT)
    for j in range(K):
        y0 = 0.35 - j * 1.95 + dy
        color = style.CLASS_COLORS[j]
        _cells(ax, 5.5 + dx, y0, EX.W[:, j], 0.8, weights, wnorm, c, color)
        ax.add_patch(Rectangle((5.45 + dx, y0 - 1.65), 1.7, 1.7, fill=False, edgecolor=color, linewidth=2.4))
        ax.text(5.2 + dx, y0 - 0.8, names[j], ha="right", va="center", fontsize=style.BODY_PT, color=color)
        ax.text(
            7.4 + dx,
            y0 - 0.8,
            f"$\\cdot\\,\\mathbf{{x}}$ {'+' if EX.b[j] >= 0 else fmt.MINUS} {fmt.num(abs(EX.b[j]))} "
            f"= {fmt.num(EX.z[j])}",
            ha="left",
            va="center",
            fontsize=style.TITLE_PT,
        )
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
