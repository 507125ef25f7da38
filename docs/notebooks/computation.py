# %% [markdown]
# # Notebook: the computation
#
# This notebook repeats the worked example of the page with code you can change. A feature
# vector $\mathbf{x}$ with $n$ entries goes in; the layer gives every class $j$ a score
# $z_j = \mathbf{w}_j \cdot \mathbf{x} + b_j$, and softmax turns the $k$ scores into
# probabilities $\hat{y}_j = e^{z_j} / \sum_l e^{z_l}$.
#
# ## The numbers {#the-numbers}
#
# The features are the four pixels of a 2×2 image, read row by row. Column $j$ of `W` holds
# the weights of class $j$.

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
x = np.array([0.9, 0.1, 0.3, 0.8])
W = np.array(
    [
        [1.6, -0.5, 0.4],
        [-0.7, 1.4, 0.9],
        [-0.3, 1.1, -1.2],
        [1.2, 0.2, -0.6],
    ]
)
b = np.array([-0.1, 0.5, 0.2])
print(f"x: {x.shape}  W: {W.shape}  b: {b.shape}")

# %% [markdown]
# ## Scores {#scores}
#
# One matrix product gives all $k$ scores at once: $\mathbf{z} = W^\top \mathbf{x} + \mathbf{b}$.

# %%
z = x @ W + b
for name, score in zip(classes, z, strict=True):
    print(f"{name:>5}: z = {score:+.2f}")

# %% [markdown]
# ## Softmax {#softmax}
#
# Exponentiate, then divide by the sum. Subtracting the largest score first changes nothing
# in the result but keeps `np.exp` from overflowing.


# %%
def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


p = softmax(z)
for name, score, prob in zip(classes, z, p, strict=True):
    print(f"{name:>5}: z = {score:+.2f}  exp(z) = {np.exp(score):6.3f}  y_hat = {prob:.3f}")
print("sum of y_hat:", p.sum())

# %% alt="Two bar charts side by side: on the left the three scores of cat, dog and bird, on the right their softmax probabilities, which are all positive and sum to one."
plt.rcParams["figure.dpi"] = 110
fig, (left, right) = plt.subplots(1, 2, figsize=(7, 2.6))
left.bar(classes, z, color=CLASS_COLOURS)
left.axhline(0, color="black", linewidth=0.8)
left.set_title("scores z")
right.bar(classes, p, color=CLASS_COLOURS)
right.set_ylim(0, 1)
right.set_title("probabilities ŷ = softmax(z)")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## A batch of inputs {#a-batch}
#
# Stack $N$ feature vectors as the rows of a matrix $X$ and the same code scores them all:
# $Z = XW + \mathbf{1}\mathbf{b}^\top$ (numpy's `X @ W + b` adds $\mathbf{b}$ to every row)
# has one row of scores per input. Try your own pixels here, then change a weight in `W`
# above and run the notebook again.

# %%
X = np.array(
    [
        [0.9, 0.1, 0.3, 0.8],
        [0.0, 1.0, 1.0, 0.0],
        [0.5, 0.5, 0.0, 0.0],
    ]
)
Z = X @ W + b
P = np.exp(Z - Z.max(axis=1, keepdims=True))
P /= P.sum(axis=1, keepdims=True)
print(np.round(P, 3))
print("predicted:", [classes[j] for j in P.argmax(axis=1)])
