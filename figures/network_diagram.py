"""The last layer as a network: n = 4 inputs, k = 3 scores, then softmax.

Every input connects to every score; the edges into score j are class j's weights and
share its colour. Node labels carry the worked example's numbers; the probabilities are rounded
with ``fmt.parts``, so that the three shown add up to 1.
Run alone: ``python figures/network_diagram.py zh dark``.
"""

import sys

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from lastlayer import figures, fmt, style
from lastlayer.examples import CLASS_NAMES, worked_example

EX = worked_example()
N, K = EX.W.shape
PROBS = fmt.parts(EX.probs)  # as shown: they add up to 1.00

FIGURE = {
    "title": {"en": "The last layer as a network", "zh": "画成网络的最后一层"},
    "caption": {
        "en": (
            f"The last layer as a network. Each of the {N} features xᵢ connects to each of the {K} scores zⱼ; "
            "the edges into zⱼ carry the weights wᵢⱼ of class j and share its colour. "
            f"Each score also adds its class's bias bⱼ ({fmt.vector(EX.b)}), which the drawing leaves out. "
            "Softmax then turns the scores into probabilities ŷⱼ. Numbers are the worked example's."
        ),
        "zh": (
            f"把最后一层画成网络：{N} 个特征 xᵢ 各自连到 {K} 个分数 zⱼ 上；"
            "连向 zⱼ 的边就是类别 j 的权重 wᵢⱼ，颜色与该类别相同。"
            f"每个分数还要加上本类别的偏置 bⱼ（{fmt.vector(EX.b, sep='、')}），图中没有画出。"
            "softmax 再把分数变成概率 ŷⱼ。图中数字来自本站算例。"
        ),
    },
    "alt": {
        "en": (
            f"Network diagram: {N} input nodes with values {fmt.vector(EX.x)}, fully connected to "
            f"{K} score nodes (cat, dog, bird) with scores {fmt.vector(EX.z)}; the edges into each score are drawn "
            f"in that class's colour. A softmax box follows, giving probabilities {', '.join(PROBS)}."
        ),
        "zh": (
            f"网络示意图：{N} 个输入节点，取值依次为 {fmt.vector(EX.x, sep='、')}；"
            f"它们全部连接到 {K} 个分数节点（猫、狗、鸟），分数依次为 {fmt.vector(EX.z, sep='、')}，"
            f"连向每个分数的边用该类别的颜色绘制。之后是 softmax 方框，输出概率 {'、'.join(PROBS)}。"
        ),
    },
}

TEXT = {
    "en": {
        "inputs": "features $\\mathbf{x}$",
        "scores": "scores $\\mathbf{z}$",
        "probs": "probabilities $\\hat{\\mathbf{y}}$",
        "fc": "fully connected",
        "fc_narrow": "fully\nconnected",
        "probs_narrow": "probabilities\n$\\hat{\\mathbf{y}}$",
    },
    "zh": {
        "inputs": "特征 $\\mathbf{x}$",
        "scores": "分数 $\\mathbf{z}$",
        "probs": "概率 $\\hat{\\mathbf{y}}$",
        "fc": "全连接层",
        "fc_narrow": "全连接层",
        "probs_narrow": "概率 $\\hat{\\mathbf{y}}$",
    },
}


def _ys(count, span=3.2):
    step = span / max(count - 1, 1)
    return [span / 2 - i * step for i in range(count)]


def _flow(narrow):
    """Page position of a point `along` the flow and `across` it: left to right in the wide
    layout (across = up), top to bottom in the narrow one (across = left)."""

    def at(along, across):
        return (-across, -along) if narrow else (along, across)

    def rect(along, across, length, span):  # corner, width and height of a box
        return ((-across - span, -along - length), span, length) if narrow else ((along, across), length, span)

    def align(ha, va):  # a label's alignment in the wide layout, turned with the flow
        turned_ha = {"bottom": "right", "top": "left", "center": "center"}
        turned_va = {"left": "top", "right": "bottom", "center": "center"}
        return {"ha": turned_ha[va], "va": turned_va[ha]} if narrow else {"ha": ha, "va": va}

    return at, rect, align


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    t, c = TEXT[lang], style.colors(theme)
    names = CLASS_NAMES[lang]
    at, rect, align = _flow(narrow)
    # Narrow: the layers stacked top to bottom, their labels in a column on the left (two of
    # them over two lines).
    if narrow:
        size, xlim, ylim = (style.NARROW_WIDTH_IN, 4.4), (-3.55, 2.15), (-6.25, 0.3)
        x_in, x_z, x_soft, x_out = 0.6, 3.0, 4.0, 5.45
        in_y, out_y, box = _ys(N, 3.3), _ys(K, 2.7), (0.7, 3.7)
        name_at, rotation = (0.35, 0.0), 0
        beside = {"ha": "right", "va": "center"}
        heads = {
            "inputs": (-2.15, -x_in, beside),
            "scores": (-2.15, -x_z, beside),
            "fc": (-2.15, -(x_in + x_z) / 2, beside),
            "probs": (-2.15, 0.1 - x_out, {"ha": "right", "va": "top"}),  # level with the ŷ row
        }
    else:
        size, xlim, ylim = (7.0, 3.7), (-0.9, 9.4), (-2.45, 2.45)
        x_in, x_z, x_soft, x_out = 0.4, 4.0, 6.05, 8.3
        in_y, out_y, box = _ys(N, 3.6), _ys(K, 2.8), (1.2, 3.5)
        name_at, rotation = (-0.1, -0.38), 90
        top = 2.25
        heads = {
            "inputs": (x_in, top, {"ha": "center"}),
            "scores": (x_z, top, {"ha": "center"}),
            "fc": ((x_in + x_z) / 2, -2.35, {"ha": "center"}),
            "probs": (x_out + 0.4, top, {"ha": "center"}),
        }
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")

    radius = 0.34
    for j, yj in enumerate(out_y):
        for yi in in_y:
            ax.add_patch(
                FancyArrowPatch(
                    at(x_in + radius, yi),
                    at(x_z - radius, yj),
                    arrowstyle="-",
                    color=style.CLASS_COLORS[j],
                    linewidth=1.8,
                    alpha=0.9,
                )
            )
    for i, yi in enumerate(in_y):
        ax.add_patch(Circle(at(x_in, yi), radius, facecolor=c["bg"], edgecolor=c["fg"], linewidth=1.3, zorder=3))
        ax.text(*at(x_in, yi), f"$x_{i + 1}$", ha="center", va="center", fontsize=style.BODY_PT, zorder=4)
        ax.text(
            *at(x_in - radius - 0.12, yi),
            fmt.num(EX.x[i]),
            **align("right", "center"),
            fontsize=style.SMALL_PT,
            color=c["muted"],
        )
    for j, yj in enumerate(out_y):
        color = style.CLASS_COLORS[j]
        ax.add_patch(Circle(at(x_z, yj), radius, facecolor=color, edgecolor=c["fg"], linewidth=1.3, zorder=3))
        ax.text(
            *at(x_z, yj), f"$z_{j + 1}$", ha="center", va="center", fontsize=style.BODY_PT, color="#000000", zorder=4
        )
        ax.text(
            *at(x_z + radius + 0.1, yj + 0.3),
            fmt.num(EX.z[j]),
            **align("left", "bottom"),
            fontsize=style.SMALL_PT,
            color=c["muted"],
        )
        ax.add_patch(
            FancyArrowPatch(
                at(x_z + radius, yj),
                at(x_soft - 0.05, yj),
                arrowstyle="-|>",
                mutation_scale=12,
                color=c["muted"],
                linewidth=1.2,
            )
        )
        ax.add_patch(
            FancyArrowPatch(
                at(x_soft + box[0] + 0.05, yj),
                at(x_out - 0.2, yj),
                arrowstyle="-|>",
                mutation_scale=12,
                color=c["muted"],
                linewidth=1.2,
            )
        )
        ax.text(
            *at(x_out - 0.1, yj),
            f"$\\hat{{y}}_{j + 1}$ = {PROBS[j]}",
            **align("left", "center"),
            fontsize=style.BODY_PT,
        )
        ax.text(
            *at(x_out + name_at[0], yj + name_at[1]),
            names[j],
            **align("left", "center"),
            fontsize=style.SMALL_PT,
            color=color,
        )
    corner, width, height = rect(x_soft, -box[1] / 2, *box)
    ax.add_patch(
        FancyBboxPatch(
            corner, width, height, boxstyle="round,pad=0.05", facecolor=c["grid"], edgecolor=c["fg"], linewidth=1.2
        )
    )
    ax.text(
        *at(x_soft + box[0] / 2, 0), "softmax", ha="center", va="center", rotation=rotation, fontsize=style.LARGE_PT
    )
    for key, (x, y, head_align) in heads.items():
        label = t.get(f"{key}_narrow", t[key]) if narrow else t[key]
        color = c["muted"] if key == "fc" else c["fg"]
        ax.text(x, y, label, fontsize=style.BODY_PT, color=color, **head_align)
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
