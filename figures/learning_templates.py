"""The digits templates taking shape during training, with the loss and the accuracy.

A linear softmax classifier is trained from zero weights by mini-batch gradient descent.
Each row shows the ten templates (columns of W as 8×8 images) after one epoch chosen by
code: the first, where the training loss has made 90% and 99% of its total drop, and the
last. All rows share one colour scale, so the templates' growth shows. The narrow layout
(phones) splits the ten columns in two blocks, digits 0–4 above 5–9.
Below, the training loss and the held-out accuracy after every epoch. Numbers from
``lastlayer.learning``. Run alone: ``python figures/learning_templates.py zh dark``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

from lastlayer import figures, fmt, languages, learning, style

HIST = learning.digits_history()
SHOWN = HIST.shown


MILESTONES = HIST.milestones
PERCENTS = [f"{100 * f:g}%" for f in learning.HISTORY_FRACTIONS]


def _epochs(sep: str) -> str:
    return sep.join(str(e) for e in SHOWN)


def _and(items, lang: str) -> str:
    """Two or more items in a sentence: "11 and 33", "11 和 33"."""
    return languages.join_and([str(i) for i in items], lang)


#: "第 11 轮和第 33 轮"
ZH_MILESTONES = "第 " + " 轮和第 ".join(str(e) for e in MILESTONES) + " 轮"

FIGURE = {
    "title": {
        "en": "Digit templates taking shape during training, with loss and accuracy",
        "zh": "训练过程中逐渐成形的数字模板，以及损失和准确率",
    },
    "caption": {
        "en": (
            f"A linear softmax classifier trained from zero weights on the 8×8 digits by mini-batch gradient descent "
            f"({learning.HISTORY_BATCH} images per batch, learning rate {learning.HISTORY_LR:g}). Rows: the ten "
            f"templates after epoch {SHOWN[0]}; after epochs {_and(MILESTONES, 'en')}, the first by which the "
            f"training loss had made {_and(PERCENTS, 'en')} of its drop over the {SHOWN[-1]} epochs, "
            "respectively; and after epoch "
            f"{SHOWN[-1]}, the last. All rows share one colour scale. Bottom: training loss (the cross-entropy, "
            "without the penalty; left axis) from "
            f"{fmt.num(HIST.loss[0])} = log 10 down to {fmt.num(HIST.loss[-1])}, and held-out accuracy (right axis) "
            f"up to {fmt.num(100 * HIST.accuracy[-1], 1)}%."
        ),
        "zh": (
            "从零权重出发，用小批量梯度下降在 8×8 手写数字上训练线性 softmax 分类器"
            f"（每批 {learning.HISTORY_BATCH} 张图像，学习率 {learning.HISTORY_LR:g}）。"
            f"每一行是某一轮（epoch）训练之后的十个模板：第 {SHOWN[0]} 轮；"
            f"{ZH_MILESTONES}，训练损失分别在这几轮首次完成 {SHOWN[-1]} 轮总降幅的 {_and(PERCENTS, 'zh')}；"
            f"最后是第 {SHOWN[-1]} 轮。各行共用一个色标。"
            f"下图：训练损失（交叉熵，不含惩罚项；左轴）从 {fmt.num(HIST.loss[0])} = log 10 降到 "
            f"{fmt.num(HIST.loss[-1])}，测试集准确率（右轴）升到 {fmt.num(100 * HIST.accuracy[-1], 1)}%。"
        ),
    },
    "alt": {
        "en": (
            f"A grid of {len(SHOWN)} rows by 10 small heat maps, the templates of digits 0 to 9 after epochs "
            f"{_epochs(', ')}. In the first row the templates are faint, with rough blobs of colour; in later rows "
            "they grow stronger and sharper, violet where the digit puts ink and red around it, changing little "
            "between the last rows. Below, a line "
            "chart over the epochs: the loss falls steeply in the first few epochs and then flattens, while accuracy "
            f"rises quickly to about {fmt.num(100 * HIST.accuracy[SHOWN[1]], 0)}% and creeps up to "
            f"{fmt.num(100 * HIST.accuracy[-1], 1)}%."
        ),
        "zh": (
            f"{len(SHOWN)} 行 10 列的小热图，依次是第 {_epochs('、')} 轮之后数字 0 到 9 的模板。"
            "第一行的模板颜色很淡，只有粗略的色块；往下几行颜色越来越深、轮廓越来越清楚，"
            "该数字常有墨迹的地方是紫色，周围是红色，最后几行之间变化很小。"
            "下方是随轮数变化的折线图：损失在最初几轮急剧下降，随后趋于平缓；准确率很快升到约 "
            f"{fmt.num(100 * HIST.accuracy[SHOWN[1]], 0)}%，之后缓慢升到 {fmt.num(100 * HIST.accuracy[-1], 1)}%。"
        ),
    },
}

TEXT = {
    "en": {
        "row": "epoch {e}\n{acc}%",
        "epoch": "epoch",
        "loss": "training loss $L$",
        "acc": "held-out accuracy (%)",
    },
    "zh": {
        "row": "第 {e} 轮\n{acc}%",
        "epoch": "训练轮数（epoch）",
        "loss": "训练损失 $L$",
        "acc": "测试集准确率（%）",
    },
}


#: Per layout (narrow or not): the figure's width, in how many blocks the ten digits are split
#: (narrow: 0–4 above 5–9, each block a row per epoch shown), the height of a row of templates
#: and of the plot below them, in inches.
LAYOUTS = {
    False: {"width": 7.0, "blocks": 1, "row_in": 0.78, "plot_in": 2.6},
    True: {"width": style.NARROW_WIDTH_IN, "blocks": 2, "row_in": 0.66, "plot_in": 2.6},
}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    t, c, layout = TEXT[lang], style.colors(theme), LAYOUTS[narrow]
    rows, blocks = len(SHOWN), layout["blocks"]
    cols = 10 // blocks
    grid_in, plot_in = layout["row_in"] * rows * blocks, layout["plot_in"]
    fig = plt.figure(figsize=(layout["width"], grid_in + plot_in), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=[grid_in, plot_in])
    axes = top.subplots(rows * blocks, cols)
    cmap = style.diverging(theme)
    limit = np.abs(HIST.weights[SHOWN[-1]]).max()
    for r, epoch in enumerate(SHOWN):
        W = HIST.weights[epoch]
        for d in range(10):
            block, col = divmod(d, cols)
            ax = axes[block * rows + r, col]
            image = ax.imshow(W[:, d].reshape(8, 8), cmap=cmap, vmin=-limit, vmax=limit, interpolation="nearest")
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_visible(True)
                spine.set_color(c["muted"])
            if r == 0:
                ax.set_title(str(d), fontsize=11)
        acc = fmt.num(100 * HIST.accuracy[epoch], 1)
        for block in range(blocks):
            axes[block * rows + r, 0].set_ylabel(
                t["row"].format(e=epoch, acc=acc),
                rotation=0,
                ha="right",
                va="center",
                fontproperties=style.label_font(10),
            )

    # The one colour scale of every row (on a phone under the grid, where the width is).
    bar = top.colorbar(image, ax=axes, location="bottom" if narrow else "right", shrink=0.8, pad=0.02, aspect=30)
    bar.set_label("$w_{ij}$")
    bar.outline.set_edgecolor(c["muted"])

    ax = bottom.subplots()
    ax.plot(HIST.epochs, HIST.loss, color=c["fg"], linewidth=2)
    ax.set_xlabel(t["epoch"], fontproperties=style.label_font())
    ax.set_ylabel(t["loss"], fontproperties=style.label_font())
    ax.set_ylim(0, HIST.loss[0] * 1.05)
    ax.set_xlim(0, HIST.epochs[-1])
    for epoch in SHOWN:
        ax.axvline(epoch, color=c["grid"], linewidth=1, zorder=0)
    right = ax.twinx()
    right.spines["right"].set_visible(True)
    right.plot(HIST.epochs, 100 * HIST.accuracy, color=c["muted"], linewidth=2, linestyle="--")
    right.set_ylim(0, 100)
    right.set_ylabel(t["acc"], fontproperties=style.label_font())
    # Direct labels instead of a legend: each line is named where it ends.
    ax.text(HIST.epochs[-1] * 0.98, HIST.loss[-1] + 0.12, t["loss"], ha="right", fontproperties=style.label_font(10))
    right.text(
        HIST.epochs[-1] * 0.98, 100 * HIST.accuracy[-1] - 12, t["acc"], ha="right", fontproperties=style.label_font(10)
    )
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
