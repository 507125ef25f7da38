"""The geometric view: what each score measures, and what the classifier decides.

Left: each class j has a zero-score line wⱼ·x + bⱼ = 0 (dashed, its colour) and a normal
vector wⱼ pointing to the side where its score is positive; the query point's signed
distances dⱼ to the three lines are marked. Right: the decision regions of argmax and the
real decision boundaries between them (solid), where two classes' scores are equal and
no third is larger; the zero-score lines are drawn faintly for comparison.
Run alone: ``python figures/geometry_hyperplanes.py``.
"""

import sys
from itertools import combinations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap, to_rgba
from matplotlib.lines import Line2D

from lastlayer import figures, fmt, style
from lastlayer.examples import CLASS_NAMES, TOY_WINDOW, toy2d, window_grid

TOY = toy2d()
LIM = TOY_WINDOW
REACH = 12.0  # long enough for every line to leave the window


def _foot(j):
    """The point of line j closest to the query point."""
    w = TOY.W[:, j]
    return TOY.query - TOY.distances[j] * w / np.linalg.norm(w)


def _zero_line(j):
    """Two far points of the line wⱼ·x + bⱼ = 0, its closest point to the origin, and its direction."""
    w, b = TOY.W[:, j], TOY.b[j]
    base = -b * w / (w @ w)
    along = np.array([-w[1], w[0]]) / np.linalg.norm(w)
    return np.array([base - REACH * along, base + REACH * along]), base, along


def _boundaries():
    """The decision boundaries of argmax: for each pair (i, j) the ray of zᵢ = zⱼ on which
    no third class scores higher. With three classes in a plane they meet at one point."""
    W, b = TOY.W, TOY.b
    # The meeting point: z₀ = z₁ = z₂, two linear equations in x.
    A = np.array([W[:, 0] - W[:, 1], W[:, 0] - W[:, 2]])
    meet = np.linalg.solve(A, -np.array([b[0] - b[1], b[0] - b[2]]))
    rays = {}
    for i, j in combinations(range(3), 2):
        (k,) = set(range(3)) - {i, j}
        normal = W[:, i] - W[:, j]
        along = np.array([-normal[1], normal[0]]) / np.linalg.norm(normal)
        # Of the two directions along zᵢ = zⱼ, keep the one where class k falls behind.
        if (W[:, i] - W[:, k]) @ along < 0:
            along = -along
        rays[(i, j)] = (meet, along)
    return rays


FIGURE = {
    "title": {
        "en": "Zero-score lines and normal vectors, and the actual decision boundaries",
        "zh": "零分数线、法向量，以及真正的决策边界",
    },
    "caption": {
        "en": (
            "The geometric view on a 2-D toy problem, in two panels. The first, “What each score measures”: the dashed "
            "line of each class is where its score is zero, the arrow is its normal vector wⱼ (pointing to positive "
            "scores), and the segments from the query point are its signed distances dⱼ. The second, “What the "
            "classifier decides”: the shading shows which class has the highest score, and the solid lines are the "
            "decision boundaries, where two scores are equal and higher than the third. The zero-score lines "
            "(faint) are not boundaries."
        ),
        "zh": (
            "二维玩具问题上的几何视角，分为两幅子图。第一幅“每个分数衡量什么”：各类别的虚线是该类分数为零的位置，"
            "箭头是法向量 wⱼ（指向分数为正的一侧），从查询点出发的线段是有符号距离 dⱼ。"
            "第二幅“分类器如何决定”：底色表示分数最高的类别，实线是决策边界，即两个类别分数相等且高于第三类的位置。"
            "零分数线（淡色）并不是决策边界。"
        ),
    },
    "alt": {
        "en": (
            "Two square panels over the same plane with three clusters of points: cat at upper right, dog at upper "
            "left, bird at the bottom. First panel: one dashed line per class with an arrow perpendicular to it, "
            "and a star "
            f"at the query point ({fmt.vector(TOY.query)}) with a segment to each line, labelled d₁ to d₃, "
            f"whose signed distances {fmt.vector(TOY.distances)} are listed in a box at lower right. "
            "Second panel: the plane shaded in three regions, one per class, "
            "separated by three solid boundary rays that meet at one point; the dashed zero-score lines are faint "
            "and cut through the regions."
        ),
        "zh": (
            "两幅正方形小图，画的是同一个平面上的三簇散点：猫在右上，狗在左上，鸟在下方。"
            "第一幅：每个类别一条虚线和一个垂直于它的箭头；星号标出查询点"
            f" ({fmt.vector(TOY.query)})，从它到每条直线各有一段线段，分别标为 d₁、d₂、d₃，"
            f"右下角的方框列出这三个有符号距离：{fmt.vector(TOY.distances, sep='、')}。"
            "第二幅：平面按底色分成三个区域，每类一个，"
            "由三条交于一点的实线射线分开；虚线零分数线画得很淡，穿过各个区域。"
        ),
    },
}

TEXT = {
    "en": {
        "x1": "feature $x_1$",
        "x2": "feature $x_2$",
        "query": "query point",
        "measures": "What each score measures",
        "decides": "What the classifier decides",
        "zero": "zero-score line $z_j = 0$",
        "boundary": "decision boundary",
    },
    "zh": {
        "x1": "特征 $x_1$",
        "x2": "特征 $x_2$",
        "query": "查询点",
        "measures": "每个分数衡量什么",
        "decides": "分类器如何决定",
        "zero": "零分数线 $z_j = 0$",
        "boundary": "决策边界",
    },
}


def _points(ax, colors, theme, alpha=1.0):
    c = style.colors(theme)
    for j in range(3):
        pts = TOY.X[TOY.y == j]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            s=12,
            color=colors[j],
            marker=style.CLASS_MARKERS[j],
            edgecolor=c["bg"],
            linewidth=0.3,
            alpha=alpha,
            zorder=3,
        )


def _measures(ax, colors, theme):
    c = style.colors(theme)
    # Faded behind the lines and arrows; less so on the dark background, where faded colours sink.
    _points(ax, colors, theme, alpha=0.45 if theme == "light" else 0.75)
    for j in range(3):
        w = TOY.W[:, j]
        ends, base, along = _zero_line(j)
        ax.plot(ends[:, 0], ends[:, 1], linestyle="--", color=colors[j], linewidth=1.8, zorder=2)
        # The lines cross near the origin; start each arrow out along its line, on the side away from
        # the query point, so arrows and distance segments do not overlap.
        anchor = max((base + 2.4 * along, base - 2.4 * along), key=lambda p: np.linalg.norm(p - TOY.query))
        ax.annotate(
            "",
            xy=anchor + w,  # the arrow is w itself, as the caption says
            xytext=anchor,
            arrowprops={"arrowstyle": "-|>", "color": colors[j], "linewidth": 2, "mutation_scale": 13},
            zorder=4,
        )
        outward = (anchor - base) / np.linalg.norm(anchor - base)
        ax.text(
            *(anchor + 0.45 * w + 0.45 * outward),
            f"$\\mathbf{{w}}_{j + 1}$",
            color=colors[j],
            fontsize=style.TITLE_PT,
            ha="center",
            va="center",
            zorder=5,
        )
        foot = _foot(j)
        ax.plot([TOY.query[0], foot[0]], [TOY.query[1], foot[1]], color=colors[j], linewidth=1.3, zorder=4)
        step = (foot - TOY.query) / np.linalg.norm(foot - TOY.query)
        tag = foot + 0.32 * step
        ax.text(*tag, f"$d_{j + 1}$", fontsize=style.BODY_PT, color=colors[j], ha="center", va="center", zorder=6)
    values = "\n".join(f"$d_{j + 1}$ = {fmt.num(TOY.distances[j])}" for j in range(3))
    ax.text(
        0.97,
        0.03,
        values,
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=style.SMALL_PT,
        zorder=8,
        bbox={"boxstyle": "round,pad=0.3", "facecolor": c["bg"], "edgecolor": c["grid"], "alpha": 0.9},
    )


def _decides(ax, colors, theme):
    c = style.colors(theme)
    gx, gy, grid = window_grid(400)
    regions = np.argmax(grid @ TOY.W + TOY.b, axis=1).reshape(gx.shape)
    shade = ListedColormap([to_rgba(col, 0.18 if theme == "light" else 0.24) for col in colors])
    # Filled contours give three compact polygons (a mesh would write 160 000 cells into the SVG).
    ax.contourf(gx, gy, regions, levels=[-0.5, 0.5, 1.5, 2.5], cmap=shade, antialiased=True)
    for j in range(3):
        ends, _, _ = _zero_line(j)
        ax.plot(ends[:, 0], ends[:, 1], linestyle="--", color=colors[j], linewidth=1.1, alpha=0.45, zorder=2)
    for meet, along in _boundaries().values():
        ends = np.array([meet, meet + REACH * along])
        ax.plot(ends[:, 0], ends[:, 1], color=c["fg"], linewidth=2.2, solid_capstyle="round", zorder=4)
    _points(ax, colors, theme)


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    t, c = TEXT[lang], style.colors(theme)
    names = CLASS_NAMES[lang]
    colors = style.CLASS_COLORS[:3]
    # Phones: the two panels one above the other, sharing the x axis; the legend in two columns.
    if narrow:
        grid, size, shared, legend_cols = (2, 1), (style.NARROW_WIDTH_IN, 8.4), {"sharex": True}, 2
    else:
        grid, size, shared, legend_cols = (1, 2), (7.0, 4.3), {"sharey": True}, 6
    fig, (left, right) = plt.subplots(*grid, figsize=size, layout="constrained", **shared)
    _measures(left, colors, theme)
    _decides(right, colors, theme)
    for ax, title in ((left, t["measures"]), (right, t["decides"])):
        ax.scatter(*TOY.query, marker="*", s=190, color=c["fg"], edgecolor=c["bg"], linewidth=0.8, zorder=7)
        ax.set_xlim(*LIM)
        ax.set_ylim(*LIM)
        ax.set_aspect("equal")
        ax.set_xticks(range(-3, 4))
        ax.set_yticks(range(-3, 4))
        if ax.get_subplotspec().is_last_row():
            ax.set_xlabel(t["x1"])
        if ax.get_subplotspec().is_first_col():
            ax.set_ylabel(t["x2"])
        ax.set_title(title)
    handles = [
        Line2D([], [], linestyle="none", marker=style.CLASS_MARKERS[j], color=colors[j], label=names[j])
        for j in range(3)
    ] + [
        Line2D([], [], linestyle="none", marker="*", markersize=11, color=c["fg"], label=t["query"]),
        Line2D([], [], linestyle="--", color=c["muted"], linewidth=1.6, label=t["zero"]),
        Line2D([], [], color=c["fg"], linewidth=2.2, label=t["boundary"]),
    ]
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncols=legend_cols,
        frameon=False,
        handlelength=1.6,
        columnspacing=1.0,
        handletextpad=0.4,
    )
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
