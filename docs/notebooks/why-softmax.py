# %% [markdown]
# # Notebook: why softmax
#
# Softmax makes scores positive with $e^{z}$ and makes them sum to one by dividing by
# $\sum_l e^{z_l}$. This notebook checks its main properties numerically.
#
# ## Adding a constant changes nothing {#shift}

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager

# Chinese labels need a font with Chinese characters: the first of CJK_FONTS this machine has, after DejaVu Sans.
CJK_FONTS = ["Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei"]
FONT_PACKAGE = ""
for path in font_manager.findSystemFonts():
    if any(key in path.lower() for key in ("noto", "sourcehan", "wqy", "msyh", "msjh", "simhei", "pingfang")):
        font_manager.fontManager.addfont(path)
installed = {f.name for f in font_manager.fontManager.ttflist}
if FONT_PACKAGE and not any(name in installed for name in CJK_FONTS):
    # No Chinese font on this machine (Colab, a fresh Linux): take the pinned one the site's figures use.
    import importlib
    import subprocess
    import sys

    module = FONT_PACKAGE.split("==")[0].replace("-", "_")
    try:
        fonts = importlib.import_module(module)
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", FONT_PACKAGE], check=False)
        importlib.invalidate_caches()
        try:
            fonts = importlib.import_module(module)
        except ImportError:
            fonts = None
    if fonts is not None:
        font_manager.fontManager.addfont(fonts.sans_path())
        installed = {f.name for f in font_manager.fontManager.ttflist}
    else:
        print("No Chinese font found and none could be installed: install Noto Sans SC and run this cell again.")
plt.rcParams["font.family"] = ["DejaVu Sans", *[name for name in CJK_FONTS if name in installed][:1]]

classes = ["cat", "dog", "bird"]
CLASS_COLOURS = ["#E69F00", "#56B4E9", "#009E73"]  # the site's class colours: cat, dog, bird


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def softmax_naive(z):
    e = np.exp(z)
    return e / e.sum()


z = np.array([2.14, 0.68, -0.19])
print(softmax(z))
print(softmax(z + 100.0))

# %% [markdown]
# ## Why subtract the maximum {#overflow}
#
# `np.exp` overflows to infinity above about 709, and infinity divided by infinity is `nan`.
# Shifting by the largest score keeps every exponent at or below zero.

# %%
big = np.array([1000.0, 999.0, 990.0])
with np.errstate(over="ignore", invalid="ignore"):
    print("naive: ", softmax_naive(big))
print("stable:", softmax(big))

# %% [markdown]
# ## Temperature {#temperature}
#
# Dividing the scores by a temperature $T$ sharpens the distribution when $T < 1$ and flattens
# it when $T > 1$; as $T \to 0$ softmax approaches a one-hot arg max.

# %% alt="Line chart of the three class probabilities against the temperature on a logarithmic axis from 0.1 to 10: at low temperature the top class is near one and the others near zero; at high temperature all three approach one third."
plt.rcParams["figure.dpi"] = 110
temperatures = np.geomspace(0.1, 10, 200)
curves = np.array([softmax(z / T) for T in temperatures])
fig, ax = plt.subplots(figsize=(5.5, 3.2))
for j, colour in enumerate(CLASS_COLOURS):
    ax.plot(temperatures, curves[:, j], color=colour, label=f"{j + 1} ({classes[j]})")
ax.set_xscale("log")
ax.set_xlabel("temperature T")
ax.set_ylabel("softmax(z / T)")
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## The gradient of cross-entropy {#gradient}
#
# For the loss $L = -\log \hat{y}_c$ of the correct class $c$, the gradient with respect to
# the scores is $\hat{\mathbf{y}} - \mathbf{y}$, where $\mathbf{y}$ is one-hot. Take the
# worked example as a cat, as the page's exercise does: $c = 0$ here, because numpy counts from
# 0; the page calls the cat class 1. A finite difference check agrees:

# %%
c = 0


def loss(z):
    return -np.log(softmax(z)[c])


analytic = softmax(z) - np.eye(3)[c]
h = 1e-6
numeric = np.array([(loss(z + h * e) - loss(z - h * e)) / (2 * h) for e in np.eye(3)])
print("p - y:     ", np.round(analytic, 6))
print("numerical: ", np.round(numeric, 6))
