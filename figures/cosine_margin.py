"""Cosine softmax with and without an additive margin (CosFace style), when the features move.

Features and class directions are normalised, so only angles matter: every feature sits on
the unit circle and each class is a direction. Both panels start from the same features (the
2-D toy data's directions, faint on the inner ring) and let gradient descent move the features
and the directions, as the layers before the last would in a deep network. The figure is a
snapshot partway through training, before either run has finished (trained on, both gather on
their arrows). Without a margin training narrows the arc that each class covers. With a
margin m the true class's cosine must win by m more, and training moves the features faster:
at the snapshot each class has gathered into a narrower arc, but none yet on its arrow (cat and
dog to one side of theirs, bird straddling its own), and on average the features are closer to
their directions than without the margin. The grey band, where the winning cosine leads by less
than m, holds no feature at the snapshot, with the margin or without it.
Run alone: ``python figures/cosine_margin.py``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D

from lastlayer import figures, fmt, models, style
from lastlayer.examples import CLASS_NAMES, toy2d

TOY = toy2d()
MARGIN, SCALE = models.COSFACE_MARGIN, models.COSFACE_SCALE
START = np.arctan2(TOY.X[:, 1], TOY.X[:, 0])
TRAINED = {m: models.cosine_free_features(TOY.X, TOY.y, margin=m, scale=SCALE) for m in (0.0, MARGIN)}
INNER = 0.8  # radius of the ring that shows the features before training


def spread(phi, W):
    """Largest angle, in degrees, between a feature and its own class's direction."""
    own = np.arctan2(W[1], W[0])[TOY.y]
    return float(np.degrees(np.abs(np.angle(np.exp(1j * (phi - own))))).max())


def offsets(phi, W, j):
    """Signed angles, in degrees, from class j's direction to its features."""
    own = np.arctan2(W[1, j], W[0, j])
    return np.degrees(np.angle(np.exp(1j * (phi[TOY.y == j] - own))))


BEFORE = spread(START, models.fit_cosine_softmax(TOY.X, TOY.y, margin=0.0, scale=SCALE))
AFTER = {m: spread(phi, W) for m, (phi, W) in TRAINED.items()}
# Where each class ends with the margin, in signed degrees from its direction.
CAT, DOG, BIRD = (offsets(*TRAINED[MARGIN], j) for j in range(3))
#: Starting features (the faint inner ring) that lie in the margin panel's grey wedges.
START_IN_WEDGES = models.band_count(START, TRAINED[MARGIN][1], TOY.y, MARGIN)


def mean_offset(phi, W):
    """Mean angle, in degrees, between a feature and its own class's direction."""
    own = np.arctan2(W[1], W[0])[TOY.y]
    return float(np.degrees(np.abs(np.angle(np.exp(1j * (phi - own))))).mean())


MEAN = {m: mean_offset(phi, W) for m, (phi, W) in TRAINED.items()}

FIGURE = {
    "title": {"en": "Cosine softmax with and without an additive margin", "zh": "有无加性间隔的余弦 softmax"},
    "caption": {
        "en": (
            f"Cosine softmax (scale s = {SCALE:g}) on the toy data, normalised onto the unit circle, when training "
            f"can move the features as well as the class directions (arrows), after {models.COSINE_FREE_STEPS} "
            "steps of gradient descent (a snapshot, not where training ends: trained on, the classes close in on "
            "their arrows). Both panels start from the same "
            "features (faint, inner ring); the lines are the boundaries. First panel, no margin: training narrows "
            "the arc that each class covers. Second panel: an additive margin "
            f"m = {MARGIN:g} (CosFace) asks the true class's cosine to win by m more, and training moves the "
            "features faster. The classes have closed up, but none has yet gathered on its arrow: the cat features are "
            f"{fmt.num(np.abs(CAT).min(), 1)}° to {fmt.num(np.abs(CAT).max(), 1)}° to one side of theirs, the dog "
            f"features {fmt.num(np.abs(DOG).min(), 1)}° to {fmt.num(np.abs(DOG).max(), 1)}° to one side, and the bird "
            f"features straddle theirs, from {fmt.num(-BIRD.min(), 1)}° on one side to {fmt.num(BIRD.max(), 1)}° on "
            "the other; "
            f"on average a feature is {fmt.num(MEAN[MARGIN], 1)}° from its direction, against "
            f"{fmt.num(MEAN[0.0], 1)}° without the margin. The grey band, where the "
            "winning cosine leads by less than m, holds none of the trained features (some faint starting ones lie "
            "in it), and on these data none is there after the same steps without "
            "the margin either. The largest angle between a feature and its class direction is printed under each "
            "circle."
        ),
        "zh": (
            f"在玩具数据上训练余弦 softmax（尺度 s = {SCALE:g}），特征归一化到单位圆上，"
            f"训练时特征和类别方向（箭头）都可以移动，图中是梯度下降 {models.COSINE_FREE_STEPS} 步之后的样子"
            "（只是一个中间状态，并非训练的终点：继续训练，各类会向自己的箭头靠拢）。"
            "两幅图从同一组特征出发（内圈的淡色点）。"
            "直线是决策边界。第一幅子图没有间隔：训练让每一类占的圆弧变窄了。"
            f"第二幅子图：加性间隔 m = {MARGIN:g}（CosFace 的做法）要求真实类别的余弦再多领先 m，训练更快地挪动特征。"
            "各类都已收拢，但还没有哪一类聚到自己的箭头上：猫的特征都在猫方向的同一侧，"
            f"偏开 {fmt.num(np.abs(CAT).min(), 1)}° 到 {fmt.num(np.abs(CAT).max(), 1)}°；"
            f"狗的特征都在狗方向的同一侧，偏开 {fmt.num(np.abs(DOG).min(), 1)}° 到 {fmt.num(np.abs(DOG).max(), 1)}°；"
            f"鸟的特征跨在鸟方向两侧，一侧最远 {fmt.num(-BIRD.min(), 1)}°，另一侧最远 {fmt.num(BIRD.max(), 1)}°。"
            f"特征与所属类别方向的平均夹角是 {fmt.num(MEAN[MARGIN], 1)}°，不加间隔时是 {fmt.num(MEAN[0.0], 1)}°。"
            "灰色带是胜出类别的余弦领先不到 m 的区域，训练后的特征没有一个在里面（有几个淡色的初始特征在其中）；"
            "不过在这组数据上，不加间隔时走完这些步数，带内同样没有特征。"
            "每个圆下方标出了特征与其类别方向之间的最大夹角。"
        ),
    },
    "alt": {
        "en": (
            "Two unit circles with cat, dog and bird features on them, an inner ring with the same features before "
            "training, and an arrow per class direction, labelled with the class name. Three lines from the centre "
            f"to the circle separate the classes. Both circles show the runs after {models.COSINE_FREE_STEPS} steps, "
            "before training has finished. First circle, no margin: the classes spread over wider arcs than with "
            "the margin, "
            f"features up to about {AFTER[0.0]:.0f} degrees from their class's direction. "
            f"Second circle, margin {MARGIN:g}: grey wedges around the boundaries hold none of the trained "
            f"features ({START_IN_WEDGES} of the faint starting ones lie in them), and each class is bunched "
            f"within about {AFTER[MARGIN]:.0f} degrees of its "
            "direction, but no class has yet gathered on its arrow: the cat features are all about "
            f"{np.abs(CAT).mean():.0f} degrees to one side of theirs, the dog features all about "
            f"{np.abs(DOG).mean():.0f} degrees to one side, and the bird features straddle theirs, from "
            f"{-BIRD.min():.0f} degrees on one side to {BIRD.max():.0f} on the other."
        ),
        "zh": (
            "两个单位圆，圆上是猫、狗、鸟三类特征，内圈是训练前的同一组特征，每个类别方向画有一个标着类名的箭头，"
            f"三条从圆心到圆周的直线把各类分开。两个圆都是训练 {models.COSINE_FREE_STEPS} 步时的状态，训练还没有结束。"
            "第一个圆没有间隔：各类散布的圆弧比加间隔时宽，"
            f"特征离所属类别的方向最多约 {AFTER[0.0]:.0f} 度。"
            f"第二个圆间隔为 {MARGIN:g}：边界两侧的灰色楔形里没有训练后的特征"
            f"（有 {START_IN_WEDGES} 个淡色的初始特征落在其中），"
            f"每一类都聚在离自己方向约 {AFTER[MARGIN]:.0f} 度以内，但还没有哪一类聚到箭头上：猫的特征都在箭头同一侧约 "
            f"{np.abs(CAT).mean():.0f} 度处，狗的特征都在箭头同一侧约 {np.abs(DOG).mean():.0f} 度处，"
            f"鸟的特征则跨在箭头两侧，一侧最远 {-BIRD.min():.0f} 度，另一侧最远 {BIRD.max():.0f} 度。"
        ),
    },
}

TEXT = {
    "en": {
        "plain": "no margin, $m$ = 0",
        "margin": f"additive margin $m$ = {MARGIN:g}",
        "spread": "largest angle to own direction: {a:.0f}°",
        "before": "features before training",
        "after": f"after {models.COSINE_FREE_STEPS} steps",
        "band": "margin band",
    },
    "zh": {
        "plain": "无间隔，$m$ = 0",
        "margin": f"加性间隔 $m$ = {MARGIN:g}",
        "spread": "与所属类别方向的最大夹角：{a:.0f}°",
        "before": "训练前的特征",
        "after": f"{models.COSINE_FREE_STEPS} 步后",
        "band": "间隔带",
    },
}

ARC = np.linspace(-np.pi, np.pi, 2881)


def _runs(mask):
    """Start and end indices of the runs of True in a boolean array (no wrap-around)."""
    edges = np.diff(np.r_[0, mask.astype(int), 0])
    return list(zip(np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0] - 1, strict=True))


def _panel(ax, phi, W, m, title, lang, c, theme):
    names = CLASS_NAMES[lang]
    circle = np.c_[np.cos(ARC), np.sin(ARC)]
    cos = circle @ W
    top = np.sort(cos, axis=1)
    if m > 0:
        # Where the best class wins by less than m: a band centred on each boundary.
        for i0, i1 in _runs(top[:, -1] - top[:, -2] < m):
            arc = ARC[i0 : i1 + 1]
            ax.fill(np.r_[0, np.cos(arc)], np.r_[0, np.sin(arc)], color=c["muted"], alpha=0.3, linewidth=0)
    winner = np.argmax(cos, axis=1)
    for i in np.nonzero(winner[1:] != winner[:-1])[0]:
        a = (ARC[i] + ARC[i + 1]) / 2
        ax.plot([0, np.cos(a)], [0, np.sin(a)], color=c["fg"], linewidth=1.2)
    ax.plot(circle[:, 0], circle[:, 1], color=c["grid"], linewidth=1)
    for j in range(3):
        mine = TOY.y == j
        color, marker = style.CLASS_COLORS[j], style.CLASS_MARKERS[j]
        start = START[mine]
        ax.scatter(
            INNER * np.cos(start),
            INNER * np.sin(start),
            s=8,
            color=color,
            marker=marker,
            alpha=BEFORE_ALPHA[theme],
            linewidth=0,
            zorder=3,
        )
        ax.scatter(
            np.cos(phi[mine]),
            np.sin(phi[mine]),
            s=20,
            color=color,
            marker=marker,
            edgecolor=c["bg"],
            linewidth=0.4,
            zorder=4,
        )
        ax.annotate(
            "",
            xy=0.62 * W[:, j],
            xytext=(0, 0),
            zorder=5,
            arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 2, "mutation_scale": 13},
        )
        ax.text(
            *(1.16 * W[:, j]),
            names[j],
            color=color,
            ha="center",
            va="center",
            fontsize=style.BODY_PT,
            fontweight="bold",
        )
    ax.set_title(title)
    # A label under the circle rather than free text, so the layout makes room for it.
    ax.set_xlabel(TEXT[lang]["spread"].format(a=spread(phi, W)), fontsize=style.SMALL_PT)
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.3, 1.3)
    # Round circles by widening the limits, not by shrinking the box (which upsets the layout).
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


#: The features before training, faded behind those after it (less so on the dark background,
#: where faded colours sink into it).
BEFORE_ALPHA = {"light": 0.35, "dark": 0.6}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    c, t = style.colors(theme), TEXT[lang]
    # On a phone the two circles are stacked (no margin on top) and the legend takes two rows.
    shape, size, ncols = ((2, 1), (style.NARROW_WIDTH_IN, 7.6), 2) if narrow else ((1, 2), (7.0, 4.2), 3)
    fig, (left, right) = plt.subplots(*shape, figsize=size, layout="constrained")
    for ax, m, title in ((left, 0.0, t["plain"]), (right, MARGIN, t["margin"])):
        _panel(ax, *TRAINED[m], m, title, lang, c, theme)
        if narrow:
            # The box is wider than tall. With the data spanning the whole square, keeping the circle
            # round widens x rather than cropping y (and the class names above and below the circle).
            ax.update_datalim([(-1.3, -1.3), (1.3, 1.3)])
    if narrow:  # room between the upper circle's label and the lower circle's title
        fig.get_layout_engine().set(hspace=0.05)
    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=4,
            color=c["muted"],
            alpha=BEFORE_ALPHA[theme],
            label=t["before"],
        ),
        Line2D([], [], linestyle="none", marker="o", markersize=6, color=c["muted"], label=t["after"]),
        plt.matplotlib.patches.Patch(color=c["muted"], alpha=0.3, label=t["band"]),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=ncols, frameon=False)
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
