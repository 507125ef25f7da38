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
from matplotlib.colors import ListedColormap, to_rgba

from lastlayer import figures, fmt, learning, style
from lastlayer.examples import CLASS_NAMES, toy2d

TOY = toy2d()
STEP = learning.toy_step()
LIM = (-3.6, 3.6)
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
        "zh": "在一个分错的点上走一步梯度：模板沿 x 移动",
    },
    "caption": {
        "en": (
            f"Left: a layer with random weights; the {NAMES['en'][STEP.label]} point x = ({fmt.vector(STEP.x)}) "
            f"(ringed) falls in the {NAMES['en'][int(np.argmax(P0))]} region. Right: after one gradient step on that "
            f"point alone (learning rate η = {STEP.lr:g}), every wⱼ has moved along x, the true class's toward it and "
            f"the others away by their probability (thin arrows; normal vectors drawn {ARROW_SCALE}× their length, "
            f"faint arrows where they were). Probabilities of the point: {_names('en', ', ')}."
        ),
        "zh": (
            f"左：随机初始化权重的层，{NAMES['zh'][STEP.label]}类的点 x = ({fmt.vector(STEP.x)})（圆圈标出）"
            f"落在{NAMES['zh'][int(np.argmax(P0))]}的区域里。右：只在这一个点上走一步梯度（学习率 η = {STEP.lr:g}）后，"
            "每个 wⱼ 都沿 x 的方向移动了：真实类别的朝 x 靠近，其余的按各自概率远离"
            f"（细箭头；法向量按 {ARROW_SCALE} 倍长度绘制，淡色箭头是移动前的位置）。"
            f"该点的概率：{_names('zh', '；')}。"
        ),
    },
    "alt": {
        "en": (
            "Two scatter plots of the toy data side by side, each shaded into decision regions, with a "
            "normal-vector arrow from the origin per class. Before the step the ringed "
            f"{NAMES['en'][STEP.label]} point at ({fmt.vector(STEP.x)}) lies in the "
            f"{NAMES['en'][int(np.argmax(P0))]} region; after it, the {NAMES['en'][STEP.label]} region has grown "
            "to cover it. Thin arrows on the right show each normal vector's move, all parallel to the point's "
            f"position: {_moves('en', '; ')}."
        ),
        "zh": (
            "并排的两张玩具数据散点图，各按底色分成决策区域，每个类别有一支从原点出发的法向量箭头。"
            f"走这一步之前，圆圈标出的{NAMES['zh'][STEP.label]}类点 ({fmt.vector(STEP.x)}) "
            f"位于{NAMES['zh'][int(np.argmax(P0))]}的区域；之后{NAMES['zh'][STEP.label]}的区域扩大，把它包了进来。"
            "右图中的细箭头是各法向量的位移，都与该点的位置向量平行："
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
    },
    "zh": {
        "before": "之前：随机权重",
        "after": "走一步之后，η = {lr}",
        "x1": "特征 $x_1$",
        "x2": "特征 $x_2$",
        "point": "$\\mathbf{{x}}$，真实类别：{name}",
    },
}


def _panel(ax, W, b, theme, lang, ghost=None):
    c = style.colors(theme)
    colors = style.CLASS_COLORS[:3]
    grid = np.linspace(*LIM, 300)
    gx, gy = np.meshgrid(grid, grid)
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
                arrowprops={"arrowstyle": "->", "color": c["fg"], "linewidth": 1.3, "shrinkA": 0, "shrinkB": 2},
                zorder=6,
            )
        ax.annotate(
            "",
            xy=w,
            xytext=(0, 0),
            arrowprops={"arrowstyle": "-|>", "color": colors[j], "linewidth": 2.2, "mutation_scale": 14},
            zorder=5,
        )
        # Labels beyond the tip, nudged sideways in opposite directions so near-parallel vectors stay readable.
        unit = w / np.linalg.norm(w)
        tip = w + 0.35 * unit + (0.38, -0.38, 0.0)[j] * np.array([-unit[1], unit[0]])
        ax.text(*tip, f"$\\mathbf{{w}}_{j + 1}$", color=colors[j], fontsize=12, ha="center", va="center", zorder=7)
    ax.scatter(*STEP.x, s=170, facecolor="none", edgecolor=c["fg"], linewidth=1.8, zorder=6)
    ax.set_xlim(*LIM)
    ax.set_ylim(*LIM)
    ax.set_aspect("equal")
    ax.set_xlabel(TEXT[lang]["x1"], fontproperties=style.label_font())


#: Per layout (narrow or not): the figure's size and its grid of the two panels, side by side
#: sharing the vertical axis, or stacked (narrow), each with its own.
LAYOUTS = {
    False: {"figsize": (7.0, 4.0), "nrows": 1, "ncols": 2, "sharey": True},
    True: {"figsize": (style.NARROW_WIDTH_IN, 7.6), "nrows": 2, "ncols": 1},
}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    t, c = TEXT[lang], style.colors(theme)
    fig, axes = plt.subplots(**LAYOUTS[narrow], layout="constrained")
    _panel(axes[0], STEP.W0, STEP.b0, theme, lang)
    _panel(axes[1], STEP.W1, STEP.b1, theme, lang, ghost=STEP.W0)
    axes[0].set_title(t["before"], fontproperties=style.label_font())
    axes[1].set_title(t["after"].format(lr=f"{STEP.lr:g}"), fontproperties=style.label_font())
    for ax in axes:
        if ax.get_subplotspec().is_first_col():
            ax.set_ylabel(t["x2"], fontproperties=style.label_font())
    for ax, p in zip(axes, (P0, P1), strict=True):
        label = t["point"].format(name=NAMES[lang][STEP.label])
        probs = "  ".join(f"{NAMES[lang][j]} {shown}" for j, shown in enumerate(fmt.parts(p)))
        ax.text(
            0.03,
            0.97,
            f"{label}\n{probs}",
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontproperties=style.label_font(10),
            zorder=8,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": c["bg"], "edgecolor": c["grid"], "alpha": 0.9},
        )
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
