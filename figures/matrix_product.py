"""The layer as one matrix-vector product: z = Wᵀx + b, with shapes and numbers.

Row j of Wᵀ (column j of W) holds class j's weights and is tinted in its colour, as are
bⱼ and zⱼ. Run alone: ``python figures/matrix_product.py en light``.
"""

import sys

import matplotlib.pyplot as plt
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from lastlayer import figures, fmt, style
from lastlayer.examples import worked_example

EX = worked_example()
N, K = EX.W.shape

FIGURE = {
    "title": {"en": "The last layer as a matrix-vector product", "zh": "把最后一层写成矩阵乘向量"},
    "caption": {
        "en": (
            f"The same computation as one matrix-vector product. W has shape {N}×{K}, so Wᵀ is {K}×{N}; "
            f"its row j holds the weights of class j. Multiplying by the {N}×1 feature column and adding "
            f"the {K}×1 bias gives the {K}×1 score column."
        ),
        "zh": (
            f"同一计算写成矩阵与向量相乘。W 的形状是 {N}×{K}，所以 Wᵀ 是 {K}×{N}，"
            f"它的第 j 行就是类别 j 的权重。用它乘以 {N}×1 的特征列向量，再加上 {K}×1 的偏置，"
            f"得到 {K}×1 的分数列向量。"
        ),
    },
    "alt": {
        "en": (
            f"Matrix equation z = Wᵀx + b drawn as grids of numbers. Wᵀ ({K}×{N}) has rows "
            + "; ".join(f"class {j + 1}: {fmt.vector(EX.W[:, j])}" for j in range(K))
            + f". x ({N}×1) is {fmt.vector(EX.x)}. b is {fmt.vector(EX.b)}. z is {fmt.vector(EX.z)}."
        ),
        "zh": (
            f"矩阵等式 z = Wᵀx + b，画成数字方格。Wᵀ（{K}×{N}）各行依次是"
            + "；".join(f"类别 {j + 1}：{fmt.vector(EX.W[:, j], sep='、')}" for j in range(K))
            + f"。x（{N}×1）为 {fmt.vector(EX.x, sep='、')}；b 为 {fmt.vector(EX.b, sep='、')}；"
            f"z 为 {fmt.vector(EX.z, sep='、')}。"
        ),
    },
}


def _grid(ax, x0, y_top, values, row_colors, c, label, shape, width=1.0):
    """A grid of numbers, its top left corner at (x0, y_top): rows 1 high, cells `width` wide."""
    rows, cols = values.shape
    for r in range(rows):
        for col in range(cols):
            face = to_rgba(row_colors[r], 0.35) if row_colors[r] else "none"
            ax.add_patch(
                Rectangle((x0 + col * width, y_top - r - 1), width, 1, facecolor=face, edgecolor=c["fg"], linewidth=1)
            )
            ax.text(
                x0 + (col + 0.5) * width,
                y_top - r - 0.5,
                fmt.num(values[r, col]),
                ha="center",
                va="center",
                fontsize=style.BODY_PT,
            )
    ax.text(x0 + cols * width / 2, y_top + 0.35, label, ha="center", va="bottom", fontsize=style.LARGE_PT)
    ax.text(
        x0 + cols * width / 2,
        y_top - rows - 0.35,
        shape,
        ha="center",
        va="top",
        fontsize=style.SMALL_PT,
        color=c["muted"],
    )


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    c = style.colors(theme)
    colors = style.CLASS_COLORS[:K]
    # Narrow: the equation wraps like a typeset one, z = Wᵀx on the first line and + b on the
    # second, its "+" under the "="; the symbols sit closer together, and the cells are a little
    # wider than tall, so that a number like −1.20 keeps some room inside its cell.
    width, step, space, gap = (1.15, 1.5, 0.35, 0.15) if narrow else (1.0, 1.6, 0.6, 0.3)
    fig, ax = plt.subplots(figsize=(style.NARROW_WIDTH_IN, 5.0) if narrow else (7.0, 3.3), layout="constrained")
    ax.set_aspect("equal")
    ax.axis("off")
    top = N / 2 + 0.5
    mid = top - K / 2  # vertical centre of the k-row grids
    bottom, ceiling = top - N - 1.2, top + 1.1

    x = 0.0
    _grid(ax, x, top - (N - K) / 2, EX.z[:, None], colors, c, "$\\mathbf{z}$", f"{K}×1", width)
    x += step
    equals = x
    ax.text(x, mid - (N - K) / 2 + 0, "=", ha="center", va="center", fontsize=16)
    x += space
    _grid(ax, x, top - (N - K) / 2, EX.W.T, colors, c, "$W^{\\top}$", f"{K}×{N}", width)
    x += N * width + gap
    _grid(ax, x, top, EX.x[:, None], [None] * N, c, "$\\mathbf{x}$", f"{N}×1", width)
    right = x + width + 0.1
    if narrow:  # the second line
        x, top, mid = equals, top - 5.0, mid - 5.0
        bottom = top - (N - K) / 2 - K - 0.95
    else:
        x += 1.6
    ax.text(x, mid - (N - K) / 2, "+", ha="center", va="center", fontsize=16)
    x += space
    _grid(ax, x, top - (N - K) / 2, EX.b[:, None], colors, c, "$\\mathbf{b}$", f"{K}×1", width)
    if narrow:
        ax.set_xlim(-0.1, right)
    else:
        ax.set_xlim(-0.3, x + 1.3)
    ax.set_ylim(bottom, ceiling)
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
