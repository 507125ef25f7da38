"""Weight decay through the three views, on the digits: shorter templates, flatter softmax.

The linear digits classifier trained with L2 penalties λ from 10⁻⁴ to 10⁻¹: the mean length
of its templates (normal vectors) ‖w_j‖, the mean top probability on held-out digits, and
the held-out accuracy. Run alone: ``python figures/weight_decay.py``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

from lastlayer import figures, fmt, models, style

DATA = models.digits()
DECAYS = models.DECAYS
TRAINED = [models.digits_decay(l2) for l2 in DECAYS]
NORMS = [float(np.linalg.norm(m.W, axis=0).mean()) for m in TRAINED]
CONFIDENCE = [float(m.predict_proba(DATA.X_test).max(axis=1).mean()) for m in TRAINED]
ACCURACY = [m.accuracy(DATA.X_test, DATA.y_test) for m in TRAINED]

FIGURE = {
    "title": {"en": "Weight decay shrinks templates and flattens softmax", "zh": "权重衰减让模板变短、softmax 变平"},
    "caption": {
        "en": (
            f"The linear digits classifier trained with {len(DECAYS)} weight-decay strengths λ, from {DECAYS[0]:g} "
            f"to {DECAYS[-1]:g}. First panel: the mean template length "
            f"‖wⱼ‖ falls from {fmt.num(NORMS[0])} to {fmt.num(NORMS[-1])}. Second panel: the mean top probability on "
            f"held-out digits falls from {fmt.num(CONFIDENCE[0])} to {fmt.num(CONFIDENCE[-1])}, while accuracy "
            f"goes from {fmt.num(100 * ACCURACY[0], 1)}% to {fmt.num(100 * ACCURACY[-1], 1)}%."
        ),
        "zh": (
            f"用 {len(DECAYS)} 种权重衰减强度 λ（从 {DECAYS[0]:g} 到 {DECAYS[-1]:g}）训练的线性手写数字分类器。"
            "第一幅子图：模板的平均长度 ‖wⱼ‖ 从 "
            f"{fmt.num(NORMS[0])} 降到 {fmt.num(NORMS[-1])}。第二幅子图：测试图像上最大概率的平均值从 "
            f"{fmt.num(CONFIDENCE[0])} 降到 {fmt.num(CONFIDENCE[-1])}，准确率则从 {fmt.num(100 * ACCURACY[0], 1)}% "
            f"变为 {fmt.num(100 * ACCURACY[-1], 1)}%。"
        ),
    },
    "alt": {
        "en": (
            f"Two line charts against λ on a log axis ({', '.join(f'{d:g}' for d in DECAYS)}). First, mean template "
            f"norm: {fmt.vector(NORMS)}. Second, mean top probability {fmt.vector(CONFIDENCE)} and accuracy "
            f"{fmt.vector(ACCURACY)}."
        ),
        "zh": (
            f"两张折线图，横轴为对数刻度的 λ（{'、'.join(f'{d:g}' for d in DECAYS)}）。第一张是模板平均长度："
            f"{fmt.vector(NORMS, sep='、')}。第二张是最大概率的平均值 {fmt.vector(CONFIDENCE, sep='、')}，"
            f"以及准确率 {fmt.vector(ACCURACY, sep='、')}。"
        ),
    },
}

TEXT = {
    "en": {
        "x": "weight decay $\\lambda$",
        "norm": "mean template length $\\Vert\\mathbf{w}_j\\Vert$",
        "conf": "mean top probability",
        "acc": "accuracy",
        "share": "probability, accuracy",
    },
    "zh": {
        "x": "权重衰减 $\\lambda$",
        "norm": "模板平均长度 $\\Vert\\mathbf{w}_j\\Vert$",
        "conf": "最大概率的平均值",
        "acc": "准确率",
        "share": "概率、准确率",
    },
}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    c, t = style.colors(theme), TEXT[lang]
    # On a phone the two panels are stacked, the norms on top.
    shape, size = ((2, 1), (style.NARROW_WIDTH_IN, 5.6)) if narrow else ((1, 2), (7.0, 3.2))
    fig, (left, right) = plt.subplots(*shape, figsize=size, layout="constrained")
    # Not class colours: these lines are quantities, not classes.
    left.plot(DECAYS, NORMS, "o-", color=c["fg"], linewidth=2)
    left.set_ylabel(t["norm"])
    left.set_ylim(0, None)
    right.plot(DECAYS, CONFIDENCE, "o-", color=c["fg"], linewidth=2, label=t["conf"])
    right.plot(DECAYS, ACCURACY, "s--", color=c["muted"], linewidth=1.5, label=t["acc"])
    right.set_ylim(0, 1.05)
    right.set_ylabel(t["share"])
    right.legend(frameon=False, loc="lower left")
    for ax in (left, right):
        ax.set_xscale("log")
        ax.set_xticks(DECAYS, [f"$10^{{{int(np.log10(d))}}}$" for d in DECAYS])
        ax.minorticks_off()
        ax.set_xlabel(t["x"])
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
