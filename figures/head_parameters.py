"""Flatten versus global average pooling for a CNN head, and what each costs in parameters.

Left: the last feature map (height × width × channels) becomes a vector in two ways. Flattening
lays every position's channels end to end, one block per position; pooling averages the
positions away and keeps one block. Right: the parameter counts of the fully connected layers
that follow, on a log scale. Every number comes from ``lastlayer.values.HEAD`` and
``lastlayer.values.head_parameters``. Run alone: ``python figures/head_parameters.py zh dark``.
"""

import sys

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, Polygon, Rectangle

from lastlayer import figures, style
from lastlayer.values import HEAD, head_parameters

H, W, C = HEAD["height"], HEAD["width"], HEAD["channels"]
HIDDEN, K = HEAD["hidden"], HEAD["classes"]
POSITIONS = H * W
FLAT = POSITIONS * C
COUNTS = head_parameters()


def _int(n: int) -> str:
    """An integer with thousands separators, as the page quotes it (``{% num fc.* %}``)."""
    return f"{n:,}"


FIGURE = {
    "title": {
        "en": "Flattening versus global average pooling: the parameters of a CNN head",
        "zh": "展平与全局平均池化：卷积网络分类头的参数量",
    },
    "caption": {
        "en": (
            "First panel: the last feature map of a VGG-16-like network becomes a vector in two ways. "
            "Flattening (channels last, as Keras does it) lays the channels of every position end to end, "
            "one block per position, so the fully connected layer after it needs weights for every position; "
            "global average pooling averages the positions away and keeps one block. "
            "Second panel: the parameters of the fully connected layer that follows, on a log scale."
        ),
        "zh": (
            "第一幅子图：类似 VGG-16 的网络，最后一张特征图可以用两种方式变成向量。"
            "展平（通道在后，Keras 的做法）把每个位置的各个通道首尾相接，"
            "每个位置一段，所以后面的全连接层要为每个位置各准备一套权重；全局平均池化把各个位置平均掉，只留下一段。"
            "第二幅子图：后面那个全连接层的参数量，对数刻度。"
        ),
    },
    "alt": {
        "en": (
            f"First panel: a {H}×{W}×{C} feature map drawn as a block, with two arrows. The upper one, flatten, "
            "leads to a "
            f"long bar of {_int(FLAT)} numbers in {POSITIONS} blocks of {C}, one per position, followed by "
            f"{_int(FLAT)} × {_int(K)} weights to the classes. The lower one, global average pooling, leads to a "
            f"single block of {C} numbers, followed by {C} × {_int(K)} weights. Second panel: horizontal bars on a log "
            f"scale: flatten into {_int(HIDDEN)} units, {_int(COUNTS['flatten_first'])} parameters; flatten "
            f"straight to {_int(K)} classes, {_int(COUNTS['flatten_to_classes'])}; pool, then {_int(K)} classes, "
            f"{_int(COUNTS['gap'])}."
        ),
        "zh": (
            f"第一幅子图：一张 {H}×{W}×{C} 的特征图画成一个立方块，引出两个箭头。上方的“展平”指向一根长条，"
            f"共 {_int(FLAT)} 个数，分成 {POSITIONS} 段、每段 {C} 个，每个位置一段，"
            f"之后是 {_int(FLAT)} × {_int(K)} 个通往各类别的权重；下方的“全局平均池化”指向只有一段的 {C} 个数，"
            f"之后是 {C} × {_int(K)} 个权重。第二幅子图是对数刻度的横向柱状图：展平后接 {_int(HIDDEN)} 个单元，"
            f"{_int(COUNTS['flatten_first'])} 个参数；展平后直接接 {_int(K)} 个类别，"
            f"{_int(COUNTS['flatten_to_classes'])} 个；先池化再接 {_int(K)} 个类别，{_int(COUNTS['gap'])} 个。"
        ),
    },
}

TEXT = {
    "en": {
        "map": "feature map\n{h}×{w}×{c}",
        "flatten": "flatten",
        "pool": "global average pooling",
        # {br}: a space in the wide layout, a line break in the narrow one.
        "br": " ",
        "flat_vec": "{n} numbers,{br}{p} positions × {c} channels",
        "pool_vec": "{c} numbers,{br}one per channel",
        "fc": "then {k} classes:{br}{n} × {k} weights",
        "bars_title": "parameters (log scale)",
        "bar_first": "flatten → {n} units",
        "bar_classes": "flatten → {k} classes",
        "bar_gap": "pool → {k} classes",
    },
    "zh": {
        "map": "特征图\n{h}×{w}×{c}",
        "flatten": "展平",
        "pool": "全局平均池化",
        "br": "",
        "flat_vec": "{n} 个数，{br}{p} 个位置 × {c} 个通道",
        "pool_vec": "{c} 个数，{br}每个通道一个",
        "fc": "再全连接到 {k} 个类别：{br}{n} × {k} 个权重",
        "bars_title": "参数量（对数刻度）",
        "bar_first": "展平 → {n} 个单元",
        "bar_classes": "展平 → {k} 个类别",
        "bar_gap": "池化 → {k} 个类别",
    },
}

#: Where the vectors end and how tall they are (data units of the diagram's axes).
VEC_X1, BAR_H = 9.9, 0.4

#: Per layout (narrow or not): the figure's size, the panels' grid and share of it, and the
#: diagram's height, where its two vectors start and their heights, the bottom of the feature
#: map, how far above a vector its name sits (the narrow layout breaks the lines around a
#: vector in two) and how much the arrows to the vectors bend.
LAYOUTS = {
    False: {
        "size": (style.MAX_WIDTH_IN, 3.4),
        "grid": {"nrows": 1, "ncols": 2, "width_ratios": [1.5, 1]},
        "diagram": {"top": 6, "vec_x": 2.75, "flat_y": 4.45, "pool_y": 1.05, "map_y": 2.2, "name_dy": 0.5, "bend": 0.2},
    },
    True: {
        "size": (style.NARROW_WIDTH_IN, 5.8),
        "grid": {"nrows": 2, "ncols": 1, "height_ratios": [1.3, 1]},
        "diagram": {"top": 6.9, "vec_x": 3.2, "flat_y": 5.0, "pool_y": 1.1, "map_y": 2.6, "name_dy": 0.9, "bend": 0.1},
    },
}


def _feature_map(ax, c, y0):
    """A block seen from the front and a little above: an H×W grid face, the channels as depth.

    Returns the middle of its right face and the middle under its front face."""
    x0, size, dx, dy = 0.2, 1.35, 0.5, 0.4
    for face in (
        [(x0, y0 + size), (x0 + dx, y0 + size + dy), (x0 + size + dx, y0 + size + dy), (x0 + size, y0 + size)],
        [(x0 + size, y0), (x0 + size + dx, y0 + dy), (x0 + size + dx, y0 + size + dy), (x0 + size, y0 + size)],
    ):
        ax.add_patch(Polygon(face, closed=True, facecolor=c["grid"], edgecolor=c["muted"], linewidth=0.8))
    ax.add_patch(Rectangle((x0, y0), size, size, facecolor=c["bg"], edgecolor="none"))
    for i in range(1, H):
        ax.plot([x0, x0 + size], [y0 + i * size / H] * 2, color=c["grid"], linewidth=0.6)
    for j in range(1, W):
        ax.plot([x0 + j * size / W] * 2, [y0, y0 + size], color=c["grid"], linewidth=0.6)
    ax.add_patch(Rectangle((x0, y0), size, size, facecolor="none", edgecolor=c["fg"], linewidth=1.0))
    return (x0 + size + dx / 2, y0 + (size + dy) / 2), (x0 + (size + dx) / 2, y0 - 0.1)


def _vector(ax, x0, y, blocks, c, fill):
    """A vector from x0 as a row of blocks of C numbers each, one block per position."""
    seg = (VEC_X1 - x0) / POSITIONS
    for i in range(blocks):
        ax.add_patch(Rectangle((x0 + i * seg, y), seg, BAR_H, facecolor=fill, edgecolor=c["bg"], linewidth=0.5))
    ax.add_patch(Rectangle((x0, y), blocks * seg, BAR_H, facecolor="none", edgecolor=c["fg"], linewidth=0.9))


def _arrow(ax, start, end, c, rad=0.0):
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=12,
            color=c["muted"],
            linewidth=1.3,
            connectionstyle=f"arc3,rad={rad}",
            shrinkA=3,
            shrinkB=3,
        )
    )


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    t, c = TEXT[lang], style.colors(theme)
    layout = LAYOUTS[narrow]
    geo, br = layout["diagram"], "\n" if narrow else t["br"]
    x0 = geo["vec_x"]
    # Not class colours: these are two ways of building a vector, not classes.
    flat_fill, pool_fill = c["fg"], c["muted"]

    fig = plt.figure(figsize=layout["size"], layout="constrained")
    left, right = fig.subplots(**layout["grid"])

    # ---- left (top when narrow): the two ways from a feature map to a vector, and the layer each one feeds
    left.set_xlim(0, 10)
    left.set_ylim(0, geo["top"])
    left.set_axis_off()
    side, below = _feature_map(left, c, geo["map_y"])
    left.text(*below, t["map"].format(h=H, w=W, c=C), ha="center", va="top", linespacing=1.3)
    small = {"ha": "left", "fontsize": style.SMALL_PT}
    flat_vec = t["flat_vec"].format(n=_int(FLAT), p=POSITIONS, c=C, br=br)
    for y, blocks, fill, name, numbers, rad in (
        (geo["flat_y"], POSITIONS, flat_fill, t["flatten"], flat_vec, geo["bend"]),
        (geo["pool_y"], 1, pool_fill, t["pool"], t["pool_vec"].format(c=C, br=br), -geo["bend"]),
    ):
        _arrow(left, side, (x0, y + BAR_H / 2), c, rad=rad)
        _vector(left, x0, y, blocks, c, fill)
        left.text(x0, y + BAR_H + geo["name_dy"], name, ha="left", va="bottom", fontweight="bold")
        left.text(x0, y + BAR_H + 0.1, numbers, va="bottom", **small)
        weights = t["fc"].format(k=_int(K), n=_int(blocks * C), br=br)
        left.text(x0, y - 0.12, weights, va="top", color=c["muted"], **small)

    # ---- right (bottom when narrow): parameter counts of the fully connected layer that follows, log scale
    rows = [
        (t["bar_first"].format(n=_int(HIDDEN)), COUNTS["flatten_first"], flat_fill),
        (t["bar_classes"].format(k=_int(K)), COUNTS["flatten_to_classes"], flat_fill),
        (t["bar_gap"].format(k=_int(K)), COUNTS["gap"], pool_fill),
    ]
    floor = 10**4
    for i, (label, count, fill) in enumerate(rows):
        y = len(rows) - 1 - i
        right.barh(y, count - floor, left=floor, height=0.42, color=fill)
        right.text(floor * 1.3, y + 0.3, label, ha="left", va="bottom")
        right.text(count * 1.25, y, _int(count), ha="left", va="center", fontsize=style.SMALL_PT, color=c["fg"])
    right.set_xscale("log")
    right.set_xlim(floor, 10**10)
    right.set_xticks([10**4, 10**6, 10**8, 10**10])
    right.minorticks_off()
    right.set_ylim(-0.5, len(rows) - 0.1)
    right.set_yticks([])
    right.spines["left"].set_visible(False)
    right.set_title(t["bars_title"])
    right.grid(axis="x", linewidth=0.6)
    right.set_axisbelow(True)
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
