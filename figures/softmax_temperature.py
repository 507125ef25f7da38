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
T_LOW, T_HIGH = f"{TEMPS[0]:.2g}", f"{TEMPS[-1]:.2g}"
#: The probabilities at the largest T, rounded so that they add up to 1 as shown.
HIGH_SHOWN = fmt.parts(HIGH)


def _power_of_ten(x: float) -> str:
    """4.6 × 10⁻⁷, as plain text (captions hold no TeX)."""
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{mantissa} × 10" + str(int(exponent)).translate(str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"))


#: What the largest score leaves to the others at the smallest T.
REST = _power_of_ten(1 - LOW[0])

FIGURE = {
    "title": {"en": "Temperature: from one-hot to uniform", "zh": "温度：从独热到均匀"},
    "caption": {
        "en": (
            f"Softmax of the worked example's scores divided by a temperature T. At T = {T_LOW} the largest score "
            f"takes almost everything (the other two share {REST}); at T = {T_HIGH} the three probabilities "
            "approach 1/3 "
            f"({', '.join(HIGH_SHOWN)}). The lines never cross: the ranking does not depend on T."
        ),
        "zh": (
            f"把本站算例的分数除以温度 T 后再做 softmax。T = {T_LOW} 时，最大的分数几乎拿走全部概率"
            f"（另外两个加起来只有 {REST}）；T = {T_HIGH} 时，三个概率都接近 1/3（{'、'.join(HIGH_SHOWN)}）。"
            "三条曲线从不交叉：排序与 T 无关。"
        ),
    },
    "alt": {
        "en": (
            f"Three curves of probability against temperature on a log axis from {T_LOW} to {T_HIGH}: cat falls from "
            f"{fmt.num(LOW[0])} to {HIGH_SHOWN[0]}, dog and bird rise towards one third; T = 1 is marked."
        ),
        "zh": (
            f"横轴为对数刻度的温度（{T_LOW} 到 {T_HIGH}），三条概率曲线：猫从 {fmt.num(LOW[0])} 降到 {HIGH_SHOWN[0]}，"
            "狗和鸟逐渐升向三分之一；图中标出了 T = 1 的位置。"
        ),
    },
}

TEXT = {
    "en": {"x": "temperature $T$", "y": "probability softmax($\\mathbf{z}/T$)"},
    "zh": {"x": "温度 $T$", "y": "概率 softmax($\\mathbf{z}/T$)"},
}


def draw(lang: str = "en", theme: str = "light", narrow: bool = False):
    c = style.colors(theme)
    size = (style.NARROW_WIDTH_IN, 3.4) if narrow else (7.0, 3.6)
    fig, ax = plt.subplots(figsize=size, layout="constrained")
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
    # Left of the curves' bend, where the plot is empty (on the right the legend touched the cat curve).
    ax.legend(frameon=False, loc="center left")
    return fig


if __name__ == "__main__":
    figures.show_or_save(draw, sys.argv)
