"""Temperature: softmax(z / T) for the worked example as T sweeps from 0.1 to 10.

Small T sharpens the distribution towards one-hot on the largest score; large T flattens it
towards uniform. The order of the classes never changes. Run alone:
``python figures/softmax_temperature.py``.
"""

import sys

import matplotlib.pyplot as plt
import numpy as np

from lastlayer import figures, fmt, maths, style
from lastlayer.examples import CLASS_NAMES, worked_example

EX = worked_example()
TEMPS = np.exp(np.linspace(np.log(0.1), np.log(10), 200))
PROBS = np.array([maths.softmax(EX.z / t) for t in TEMPS])
LOW, HIGH = maths.softmax(EX.z / TEMPS[0]), maths.softmax(EX.z / TEMPS[-1])

FIGURE = {
    "title": {"en": "Temperature: from one-hot to uniform", "zh": "温度：从独热到均匀"},
    "caption": {
        "en": (
            "Softmax of the worked example's scores divided by a temperature T. At T = 0.1 the largest score takes "
            f"almost everything ({fmt.num(LOW[0])}); at T = 10 the three probabilities approach 1/3 "
            f"({fmt.vector(HIGH)}). The lines never cross: the ranking does not depend on T."
        ),
        "zh": (
            "把本站算例的分数除以温度 T 后再做 softmax。T = 0.1 时，最大的分数几乎拿走全部概率"
            f"（{fmt.num(LOW[0])}）；T = 10 时，三个概率都接近 1/3（{fmt.vector(HIGH, sep='、')}）。"
            "三条曲线从不交叉：排序与 T 无关。"
        ),
    },
    "alt": {
        "en": (
            "Three curves of probability against temperature on a log axis from 0.1 to 10: cat falls from "
            f"{fmt.num(LOW[0])} to {fmt.num(HIGH[0])}, dog and bird rise towards one third; T = 1 is marked."
        ),
        "zh": (
            f"横轴为对数刻度的温度（0.1 到 10），三条概率曲线：猫从 {fmt.num(LOW[0])} 降到 {fmt.num(HIGH[0])}，"
            "狗和鸟逐渐升向三分之一；图中标出了 T = 1 的位置。"
        ),
    },
}

TEXT = {
    "en": {"x": "temperature $T$", "y": "probability softmax($\\mathbf{z}/T$)"},
    "zh": {"x": "温度 $T$", "y": "概率 softmax($\\mathbf{z}/T$)"},
}


def draw(lang: str = "en", theme: str = "light"):
    c = style.colors(theme)
    fig, ax = plt.subplots(figsize=(7.0, 3.6), layout="constrained")
    for j, name in enumerate(CLASS_NAMES[lang]):
        ax.plot(TEMPS, PROBS[:, j], color=style.CLASS_COLORS[j], linewidth=2.2, label=name)
    ax.axvline(1.0, color=c["muted"], linewidth=0.9, linestyle=(0, (3, 3)))
    ax.text(1.05, 0.98, "$T$ = 1", color=c["muted"], fontsize=style.SMALL_PT, va="top")
    ax.axhline(1 / 3, color=c["grid"], linewidth=0.9)
    ax.set_xscale("log")
    ax.set_xticks([0.1, 0.3, 1, 3, 10], ["0.1", "0.3", "1", "3", "10"])
    ax.minorticks_off()
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(TEXT[lang]["x"])
    ax.set_ylabel(TEXT[lang]["y"])
    ax.legend(frameon=False, loc="center right")
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
