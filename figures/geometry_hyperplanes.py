"""The geometric view: one hyperplane per class in a 2-D feature space.

Each class j has a zero-score line wⱼ·x + bⱼ = 0 (dashed, its colour) and a normal
vector wⱼ pointing to the side where its score is positive. The query point's signed
distances dⱼ to the lines are marked; the shading shows the decision regions of argmax.
Run alone: ``python figures/geometry_hyperplanes.py``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap, to_rgba

from lastlayer import fmt, style
from lastlayer.examples import CLASS_NAMES, toy2d

TOY = toy2d()
LIM = (-3.6, 3.6)


def _foot(j):
    """The point of line j closest to the query point."""
    w = TOY.W[:, j]
    return TOY.query - TOY.distances[j] * w / np.linalg.norm(w)


FIGURE = {
    "title": {
        "en": "One hyperplane per class, normal vectors and signed distances",
        "zh": "每类一个超平面：法向量与有符号距离",
    },
    "caption": {
        "en": (
            "The geometric view on a 2-D toy problem. Dashed lines are where each class's score is zero, "
            "arrows are the normal vectors wⱼ (pointing to positive scores), and the shading shows which class "
            "wins the argmax. The query point's signed distances to the three lines are "
            f"{fmt.vector(TOY.distances)}."
        ),
        "zh": (
            "二维玩具问题上的几何视角。虚线是各类别分数为零的位置，箭头是法向量 wⱼ（指向分数为正的一侧），"
            "底色表示 argmax 选中的类别。查询点到三条直线的有符号距离依次为 "
            f"{fmt.vector(TOY.distances, sep='、')}。"
        ),
    },
    "alt": {
        "en": (
            "Scatter plot of three clusters of points: cat at upper right, dog at upper left, bird at the bottom. "
            "Each class has a dashed line with an arrow perpendicular to it, and the plane is shaded into three "
            f"regions. A star marks the query point at ({fmt.vector(TOY.query)}), with thin segments to each "
            f"line labelled by its signed distance: {fmt.vector(TOY.distances)}."
        ),
        "zh": (
            "三簇散点：猫在右上，狗在左上，鸟在下方。每个类别有一条虚线和一支垂直于它的箭头，"
            f"平面按底色分成三个区域。星号标出查询点 ({fmt.vector(TOY.query)})，"
            f"从它到每条直线各有一段细线，标注有符号距离：{fmt.vector(TOY.distances, sep='、')}。"
        ),
    },
}

TEXT = {
    "en": {"x1": "feature $x_1$", "x2": "feature $x_2$", "query": "query point"},
    "zh": {"x1": "特征 x₁", "x2": "特征 x₂", "query": "查询点"},
}


def draw(lang: str = "en", theme: str = "light"):
    t, c = TEXT[lang], style.colors(theme)
    names = CLASS_NAMES[lang]
    colors = style.CLASS_COLORS[:3]
    fig, ax = plt.subplots(figsize=(6.4, 5.6), layout="constrained")

    grid = np.linspace(*LIM, 400)
    gx, gy = np.meshgrid(grid, grid)
    regions = np.argmax(np.c_[gx.ravel(), gy.ravel()] @ TOY.W + TOY.b, axis=1).reshape(gx.shape)
    shade = ListedColormap([to_rgba(col, 0.16 if theme == "light" else 0.22) for col in colors])
    # Filled contours give three compact polygons (a mesh would write 160 000 cells into the SVG).
    ax.contourf(gx, gy, regions, levels=[-0.5, 0.5, 1.5, 2.5], cmap=shade, antialiased=True)

    for j in range(3):
        pts = TOY.X[TOY.y == j]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            s=18,
            color=colors[j],
            marker=style.CLASS_MARKERS[j],
            edgecolor=c["bg"],
            linewidth=0.4,
            label=names[j],
            zorder=3,
        )
    for j in range(3):
        w, b = TOY.W[:, j], TOY.b[j]
        # Points on w·x + b = 0: x = -b w/|w|² + s·(perpendicular to w).
        base = -b * w / (w @ w)
        perp = np.array([-w[1], w[0]]) / np.linalg.norm(w)
        ends = np.array([base - 8 * perp, base + 8 * perp])
        ax.plot(ends[:, 0], ends[:, 1], linestyle="--", color=colors[j], linewidth=2, zorder=2)
        # The lines cross near the origin; start each arrow out along its line, on the side away from
        # the query point, so arrows and distance segments do not overlap.
        anchor = max((base + 2.6 * perp, base - 2.6 * perp), key=lambda p: np.linalg.norm(p - TOY.query))
        ax.annotate(
            "",
            xy=anchor + w,
            xytext=anchor,
            arrowprops={"arrowstyle": "-|>", "color": colors[j], "linewidth": 2.2, "mutation_scale": 16},
            zorder=4,
        )
        outward = (anchor - base) / np.linalg.norm(anchor - base)
        ax.text(
            *(anchor + 0.5 * w + 0.38 * outward),
            f"$\\mathbf{{w}}_{j + 1}$",
            color=colors[j],
            fontsize=13,
            ha="center",
            va="center",
            fontweight="bold",
            zorder=5,
        )
        foot = _foot(j)
        ax.plot([TOY.query[0], foot[0]], [TOY.query[1], foot[1]], color=colors[j], linewidth=1.3, zorder=4)
        along = (foot - TOY.query) / np.linalg.norm(foot - TOY.query)
        tag = foot + 0.28 * along
        ax.text(
            tag[0],
            tag[1],
            f"$d_{j + 1}$",
            fontsize=11,
            color=colors[j],
            ha="center",
            va="center",
            zorder=6,
            fontweight="bold",
        )
    values = "\n".join(f"$d_{j + 1}$ = {fmt.num(TOY.distances[j])}" for j in range(3))
    ax.text(
        0.98,
        0.98,
        values,
        transform=ax.transAxes,
        ha="right",
        va="top",
        fontsize=10.5,
        zorder=8,
        bbox={"boxstyle": "round,pad=0.35", "facecolor": c["bg"], "edgecolor": c["grid"], "alpha": 0.9},
    )
    ax.scatter(*TOY.query, marker="*", s=260, color=c["fg"], edgecolor=c["bg"], zorder=7, label=t["query"])
    ax.set_xlim(*LIM)
    ax.set_ylim(*LIM)
    ax.set_aspect("equal")
    ax.set_xlabel(t["x1"])
    ax.set_ylabel(t["x2"])
    legend = ax.legend(loc="lower left", fontsize=9, framealpha=0.85, facecolor=c["bg"], edgecolor=c["grid"])
    legend.set_zorder(8)
    return fig


if __name__ == "__main__":
    style.show_or_save(draw, sys.argv)
