"""One gradient step on one misclassified point of the toy data, before and after.

The layer starts from random weights. The point it gets most wrong (largest loss among the
misclassified) pulls its own class's normal vector toward it and pushes the other two away,
each by its probability: Δw_j = −η (ŷ_j − [j = y]) x. The shading shows the decision
regions, grey lines their boundaries. Numbers from ``lastlayer.learning``.
Run alone: ``python figures/learning_step.py zh dark``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patheffects
from matplotlib.colors import ListedColormap, to_rgba
from matplotlib.lines import Line2D

from lastlayer import figures, fmt, learning, style
from lastlayer.examples import CLASS_NAMES, toy2d

TOY = toy2d()
STEP = learning.toy_step()
#: The plane shown: the toy data with a little room around them (and the ring on the point).
XLIM, YLIM = (-3.2, 2.9), (-3.4, 2.9)
P0, P1 = STEP.probs(after=False), STEP.probs(after=True)
NAMES = CLASS_NAMES
#: The weights are short next to the data; arrows are drawn this many times longer.
ARROW_SCALE = int(np.floor(2.4 / max(np.linalg.norm(STEP.W0, axis=0).max(), np.linalg.norm(STEP.W1, axis=0).max())))


def _names(lang, sep):
    before, after = fmt.parts(P0), fmt.parts(P1)
    return sep.join(f"{NAMES[lang][j]} {before[j]} → {after[j]}" for j in range(3))


def _moves(lang, sep):
    # Rounded as on the page: the three moves of each coordinate still add up to zero as shown.
    return sep.join(f"{NAMES[lang][j]} ({move})" for j, move in enumerate(learning.rounded_columns(STEP.moves)))


FIGURE = {
    "title": {
        "en": "One gradient step on a misclassified point: the templates move along x",
        "zh": "在一个分错的点上做一步梯度下降：模板沿 x 移动",
    },
    "caption": {
        "en": (
            f"Before the step (first panel), a layer with random weights: the {NAMES['en'][STEP.label]} point "
            f"x = ({fmt.vector(STEP.x)}) (ringed) falls in the {NAMES['en'][int(np.argmax(P0))]} region. After one "
            f"gradient step on that point alone (second panel; learning rate η = {STEP.lr:g}), every wⱼ has moved "
            "along x, the true class's toward it and the others away by their probability (thin arrows; normal "
            f"vectors drawn {ARROW_SCALE}× their length, faint arrows where they were). w₁ and w₂ end almost equal, "
            f"so w₁ is drawn wider, beneath w₂. Probabilities of the point: {_names('en', ', ')}."
        ),
        "zh": (
            f"第一幅子图是走这一步之前、随机初始化权重的层：{NAMES['zh'][STEP.label]}类的点 x = ({fmt.vector(STEP.x)})"
            f"（圆圈标出）落在{NAMES['zh'][int(np.argmax(P0))]}的区域里。第二幅子图是只在这一个点上走一步梯度下降"
            f"（学习率 η = {STEP.lr:g}）之后：每个 wⱼ 都沿 x 的方向移动了，真实类别的朝 x 靠近，其余的按各自概率远离"
            f"（细箭头；法向量按 {ARROW_SCALE} 倍长度绘制，淡色箭头是移动前的位置）。w₁ 和 w₂ 最后几乎相同，"
            "所以 w₁ 画得更宽，压在 w₂ 下面。"
            f"该点的概率：{_names('zh', '；')}。"
        ),
    },
    "alt": {
        "en": (
            "Two scatter plots of the toy data, before and after the step, each shaded into decision regions, with "
            "a normal-vector arrow from the origin per class. Before the step the ringed "
            f"{NAMES['en'][STEP.label]} point at ({fmt.vector(STEP.x)}) lies in the "
            f"{NAMES['en'][int(np.argmax(P0))]} region; after it, the {NAMES['en'][STEP.label]} region has grown "
            "to cover it. Thin arrows in the second plot show each normal vector's move, all parallel to the "
            f"point's position: {_moves('en', '; ')}."
        ),
        "zh": (
            "走这一步前后的两张玩具数据散点图，各按底色分成决策区域，每个类别有一个从原点出发的法向量箭头。"
            f"走这一步之前，圆圈标出的{NAMES['zh'][STEP.label]}类点 ({fmt.vector(STEP.x)}) "
            f"位于{NAMES['zh'][int(np.argmax(P0))]}的区域；之后{NAMES['zh'][STEP.label]}的区域扩大，把它包了进来。"
            "第二张图中的细箭头是各法向量的位移，都与该点的位置向量平行："
            f"{_moves('zh', '；')}。"
        ),
    },
}

TEXT = {
    "en": {
        "before": "before: random weights",
        "after": "after one step, η = {lr}",
        "x1": "feature $x_1$",
        "x2": "feature $x_2$",
        "point": "$\\mathbf{{x}}$, true class: {name}",
        "circled": "the point $\\mathbf{x}$ of the step",
        "old": "$\\mathbf{w}_j$ before the step",
        "move": "its move",
    },
    "zh": {
        "before": "之前：随机权重",
        "after": "走一步之后，η = {lr}",
        "x1": "特征 $x_1$",
        "x2": "特征 $x_2$",
        "point": "$\\mathbf{{x}}$，真实类别：{name}",
        "circled": "这一步所用的点 $\\mathbf{x}$",
        "old": "走一步之前的 $\\mathbf{w}_j$",
        "move": "$\\mathbf{w}_j$ 的移动",
    },
}


def _panel(ax, W, b, theme, lang, labels, ghost=None):
    c = style.colors(theme)
    colors = style.CLASS_COLORS[:3]
    gx, gy = np.meshgrid(np.linspace(*XLIM, 300), np.linspace(*YLIM, 300))
    regions = np.argmax(np.c_[gx.ravel(), gy.ravel()] @ W + b, axis=1).reshape(gx.shape)
    shade = ListedColormap([to_rgba(col, 0.16 if theme == "light" else 0.22) for col in colors])
    ax.contourf(gx, gy, regions, levels=[-0.5, 0.5, 1.5, 2.5], cmap=shade)
    # The decision boundaries: where the two largest scores tie.
    ax.contour(gx, gy, regions, levels=[0.5, 1.5], colors=[c["muted"]], linewidths=1.0)
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
            zorder=3,
            label=NAMES[lang][j],
        )
        w = ARROW_SCALE * W[:, j]
        if ghost is not None:
            # Where w_j was before the step, and the move itself.
            old = ARROW_SCALE * ghost[:, j]
            ax.annotate(
                "",
                xy=old,
                xytext=(0, 0),
                arrowprops={"arrowstyle": "-|>", "color": colors[j], "alpha": 0.35, "linewidth": 1.6},
                zorder=4,
            )
            ax.annotate(
                "",
                xy=w,
                xytext=old,
                arrowprops={"arrowstyle": "->", "color": c["fg"], "linewidth": 1.3, "shrinkA": 0, "shrinkB": 7},
                zorder=6,
            )
        # A vector that a later one all but covers (w₁ under w₂ after the step) is drawn wider,
        # so that its colour shows along both sides of the other.
        covered = any(np.linalg.norm(w - ARROW_SCALE * W[:, i]) < 0.3 for i in range(j + 1, 3))
        ax.annotate(
            "",
            xy=w,
            xytext=(0, 0),
            arrowprops={
                "arrowstyle": "-|>",
                "color": colors[j],
                "linewidth": 5.0 if covered else 2.2,
                "mutation_scale": 20 if covered else 14,
            },
            zorder=5,
        )
        # Each label where the toy data leave room for it (see LABELS), outlined in the background
        # colour so that it reads over an arrow or a point.
        ax.text(
            *labels[j],
            f"$\\mathbf{{w}}_{j + 1}$",
            color=colors[j],
            fontsize=12,
            ha="center",
            va="center",
            zorder=7,
            path_effects=[patheffects.withStroke(linewidth=3, foreground=c["bg"])],
        )
    ax.scatter(*STEP.x, s=170, facecolor="none", edgecolor=c["fg"], linewidth=1.8, zorder=6)
    ax.set_xlim(*XLIM)
    ax.set_ylim(*YLIM)
    ax.set_aspect("equal")
    ax.set_xlabel(TEXT[lang]["x1"], fontproperties=style.label_font())


#: Where the labels of w₁, w₂, w₃ go, in data coordinates, before and after the step: beside
#: the arrow tips, in the gaps the toy data leave. After the step w₁ and w₂ point the same way,
#: so their labels sit side by side over the shared tip, and w₃'s sits right of the birds.
LABELS = {
    "before": ((-0.35, 0.45), (-0.75, -0.75), (1.3, 0.2)),
    "after": ((-0.3, 1.5), (0.3, 1.5), (1.05, -1.6)),
}

#: Per layout (narrow or not): the figure's size and its grid of the two panels, side by side
#: sharing the vertical axis, or stacked (narrow), each with its own; the legend goes below.
LAYOUTS = {
    False: {"figsize": (7.0, 5.3), "nrows": 1, "ncols": 2, "sharey": True},
    True: {"figsize": (style.NARROW_WIDTH_IN, 10.0), "nrows": 2, "ncols": 1},
}

#: The point's probabilities go in two lines between each panel's title and its top edge,
#: where they cover no data: the gap above the axes, and the title's distance from them, in points.
INFO_GAP, TITLE_PAD = 4, 34


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    t, c = TEXT[lang], style.colors(theme)
    fig, axes = plt.subplots(**LAYOUTS[narrow], layout="constrained")
    _panel(axes[0], STEP.W0, STEP.b0, theme, lang, LABELS["before"])
    _panel(axes[1], STEP.W1, STEP.b1, theme, lang, LABELS["after"], ghost=STEP.W0)
    axes[0].set_title(t["before"], fontproperties=style.label_font(), pad=TITLE_PAD)
    axes[1].set_title(t["after"].format(lr=f"{STEP.lr:g}"), fontproperties=style.label_font(), pad=TITLE_PAD)
    for ax in axes:
        if ax.get_subplotspec().is_first_col():
            ax.set_ylabel(t["x2"], fontproperties=style.label_font())
    for ax, p in zip(axes, (P0, P1), strict=True):
        label = t["point"].format(name=NAMES[lang][STEP.label])
        probs = "  ".join(f"{NAMES[lang][j]} {shown}" for j, shown in enumerate(fmt.parts(p)))
        ax.annotate(
            f"{label}\n{probs}",
            xy=(0.5, 1.0),
            xycoords="axes fraction",
            xytext=(0, INFO_GAP),
            textcoords="offset points",
            ha="center",
            va="bottom",
            color=c["muted"],
            fontproperties=style.label_font(10),
        )
    # What the marks mean: the classes' markers, the circled point, and the arrows of the move.
    handles = [
        Line2D(
            [], [], linestyle="none", marker=style.CLASS_MARKERS[j], color=style.CLASS_COLORS[j], label=NAMES[lang][j]
        )
        for j in range(3)
    ]
    handles += [
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=10,
            markerfacecolor="none",
            markeredgecolor=c["fg"],
            markeredgewidth=1.5,
            label=t["circled"],
        ),
        Line2D([], [], color=c["muted"], alpha=0.5, linewidth=1.6, label=t["old"]),
        Line2D([], [], color=c["fg"], linewidth=1.3, label=t["move"]),
    ]
    # Read row by row: the classes, then the other marks (matplotlib fills a legend column by column).
    if not narrow:
        handles = [handles[k] for k in (0, 3, 1, 4, 2, 5)]
    fig.legend(
        handles=handles, loc="outside lower center", ncols=2 if narrow else 3, frameon=False, prop=style.label_font(10)
    )
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
