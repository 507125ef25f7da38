"""Scaling one class's weights moves the decision boundaries; scaling all of them does not.

Multiplying w₁ and b₁ (cat) by s leaves the line w₁·x + b₁ = 0 where it is, but the
boundaries between classes are where two scores are equal, and a gain on one score moves
them: the two boundaries of the cat region turn about the point where the three regions meet
(all three scores are zero there, since the trained columns of W and the entries of b add up
to zero), and the cat region grows for s > 1; the dog–bird boundary does not move. Multiplying
all of W and b by s multiplies every score by s, the same as dividing them by a temperature
T = 1/s: no region moves, only the softmax gets sharper (the dotted line, where the top
probability is 0.9, closes in on the boundaries).
Run alone: ``python figures/geometry_scaling.py zh dark out.png``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap, to_rgba

from lastlayer import figures, fmt, maths, style
from lastlayer.examples import CLASS_NAMES, TOY_WINDOW, class_changes, scaled, scaled_all, toy2d, window_grid

TOY = toy2d()
GAIN = 2.0  # the factor of the two right-hand panels
J = 0  # the class whose weights get the per-class gain: cat
CONFIDENT = 0.9  # the dotted contour: where the top probability reaches this
PANELS = {"trained": (TOY.W, TOY.b), "gain": scaled(TOY, J, GAIN), "global": scaled_all(TOY, GAIN)}
GAIN_CHANGES = class_changes(TOY, *PANELS["gain"])
GLOBAL_CHANGES = class_changes(TOY, *PANELS["global"])
GX, GY, GRID = window_grid(301)


def _regions(W, b):
    return np.argmax(maths.linear(GRID, W, b), axis=1).reshape(GX.shape)


def _top_probability(W, b):
    return maths.softmax(maths.linear(GRID, W, b)).max(axis=1).reshape(GX.shape)


def _pct(x):
    return fmt.num(100 * x, 1)


FIGURE = {
    "title": {
        "en": "Scaling one class moves its boundaries; scaling all classes only changes how sharp the softmax is",
        "zh": "只缩放一个类别会移动它的边界，整体缩放只改变 softmax 的尖锐程度",
    },
    "caption": {
        "en": (
            "Decision regions of the toy problem, in three panels. The first, “trained”: the trained layer. The "
            f"second, “cat only × {fmt.num(GAIN, 0)}”: cat's weights and bias multiplied by {fmt.num(GAIN, 0)}. "
            "Cat's zero-score line (not drawn) stays where it is, but the two "
            "boundaries of the cat region turn about the point where the three regions meet (dashed: where they "
            f"were): the hatched area ({_pct(GAIN_CHANGES['plane'])}% of the square) and "
            f"{GAIN_CHANGES['points']} of the {GAIN_CHANGES['total']} points change class. The dog–bird boundary "
            f"does not move. The third, “all classes × {fmt.num(GAIN, 0)}”: all of W and b multiplied by "
            f"{fmt.num(GAIN, 0)}, the same as dividing the "
            f"scores by a temperature of {1 / GAIN:g}; no region moves ({_pct(GLOBAL_CHANGES['plane'])}%, "
            f"{GLOBAL_CHANGES['points']} points), only the softmax sharpens: the dotted line, where the top "
            f"probability reaches {fmt.num(CONFIDENT, 1)}, closes in on the boundaries."
        ),
        "zh": (
            "玩具问题的决策区域，共三幅子图。第一幅“训练所得”：训练得到的这一层。"
            f"第二幅“仅猫类 × {fmt.num(GAIN, 0)}”：把猫的权重和偏置乘以 "
            f"{fmt.num(GAIN, 0)}。猫的零分数线（图中未画出）位置不变，猫区域的两条决策边界却绕着三个区域的交汇点"
            f"转了过去（虚线为原来的位置）：斜线区域（占整个方框的 {_pct(GAIN_CHANGES['plane'])}%）以及 "
            f"{GAIN_CHANGES['total']} 个点中的 {GAIN_CHANGES['points']} 个改变了类别。狗与鸟之间的边界没有移动。"
            f"第三幅“全部类别 × {fmt.num(GAIN, 0)}”：把整个 W 和 b 都乘以 {fmt.num(GAIN, 0)}，"
            f"相当于把分数都除以温度 {1 / GAIN:g}，"
            f"没有任何区域移动（{_pct(GLOBAL_CHANGES['plane'])}%，{GLOBAL_CHANGES['points']} 个点），"
            f"只是 softmax 更尖锐了：点线标出最大概率达到 {fmt.num(CONFIDENT, 1)} 的位置，它向边界靠拢。"
        ),
    },
    "alt": {
        "en": (
            "Three square panels of the plane shaded by the winning class, cat at upper right, dog at upper left, "
            "bird at the bottom, with the toy points. The second panel's cat region is larger than in the first: "
            "its two boundaries have turned about the point where the regions meet, and the hatched wedges "
            f"between their old and new positions, {_pct(GAIN_CHANGES['plane'])}% of the square, changed class; "
            "the dog–bird boundary is where it was. "
            "The third panel has exactly the regions of the first one, but its dotted confidence contour lies "
            "closer to the boundaries."
        ),
        "zh": (
            "三个方形子图，平面按胜出的类别着色：猫在右上，狗在左上，鸟在下方，并画出玩具数据的点。"
            "第二幅的猫区域比第一幅大：它的两条边界绕着各区域的交汇点转了过去，新旧位置之间的斜线楔形区域"
            f"占方框的 {_pct(GAIN_CHANGES['plane'])}%，这部分改变了类别；狗与鸟之间的边界还在原处。"
            "第三幅的区域与第一幅完全相同，只是表示置信度的点线更贴近边界。"
        ),
    },
}

TEXT = {
    "en": {
        "trained": "trained",
        "gain": f"cat only × {fmt.num(GAIN, 0)}",
        "global": f"all classes × {fmt.num(GAIN, 0)}",
    },
    "zh": {
        "trained": "训练所得",
        "gain": f"仅猫类 × {fmt.num(GAIN, 0)}",
        "global": f"全部类别 × {fmt.num(GAIN, 0)}",
    },
}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    t, c = TEXT[lang], style.colors(theme)
    alpha = 0.18 if theme == "light" else 0.26
    shade = ListedColormap([to_rgba(col, alpha) for col in style.CLASS_COLORS[:3]])
    before = _regions(*PANELS["trained"])
    plt.rcParams["hatch.color"] = c["fg"]  # inside the figure pipeline's rc context, so it is restored
    # Phones: the three panels one above the other, sharing the x axis.
    if narrow:
        grid, size, shared = (3, 1), (style.NARROW_WIDTH_IN, 8.6), {"sharex": True}
    else:
        grid, size, shared = (1, 3), (7.0, 2.9), {"sharey": True}
    fig, axes = plt.subplots(*grid, figsize=size, layout="constrained", **shared)
    for ax, (name, (W, b)) in zip(axes, PANELS.items(), strict=True):
        regions = _regions(W, b)
        ax.contourf(GX, GY, regions, levels=[-0.5, 0.5, 1.5, 2.5], cmap=shade)
        ax.contour(GX, GY, regions, levels=[0.5, 1.5], colors=c["fg"], linewidths=1.0)
        if name == "gain":
            # Where the cat region's boundaries were; the dog–bird boundary does not move, so it is not repeated.
            was_cat = (before == J).astype(float)
            ax.contour(GX, GY, was_cat, levels=[0.5], colors=c["muted"], linewidths=1.0, linestyles="--")
            changed = (regions != before).astype(float)
            ax.contourf(GX, GY, changed, levels=[0.5, 1.5], colors="none", hatches=["////"])
        ax.contour(
            GX, GY, _top_probability(W, b), levels=[CONFIDENT], colors=c["muted"], linewidths=1.0, linestyles=":"
        )
        for k in range(3):
            pts = TOY.X[TOY.y == k]
            ax.scatter(
                pts[:, 0],
                pts[:, 1],
                s=9,
                color=style.CLASS_COLORS[k],
                marker=style.CLASS_MARKERS[k],
                edgecolors=c["bg"],
                linewidths=0.3,
                label=CLASS_NAMES[lang][k],
            )
        ax.set_xlim(*TOY_WINDOW)
        ax.set_ylim(*TOY_WINDOW)
        ax.set_aspect("equal")
        ax.set_title(t[name], fontsize=11)
        if ax.get_subplotspec().is_last_row():
            ax.set_xlabel("$x_1$")
        if ax.get_subplotspec().is_first_col():
            ax.set_ylabel("$x_2$")
        ax.tick_params(labelsize=10)
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
