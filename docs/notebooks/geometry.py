# %% [markdown]
# # Notebook: the geometric view
#
# With two features, an input is a point in the plane. For each class, the points where
# $\mathbf{w}_j \cdot \mathbf{x} + b_j = 0$ form a straight line (a hyperplane in more
# dimensions) with normal vector $\mathbf{w}_j$, and the score is the signed distance to
# that line times $\lVert \mathbf{w}_j \rVert$.
#
# ## Three classes in the plane {#three-classes}

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

CLASS_COLOURS = ["#E69F00", "#56B4E9", "#009E73"]  # the site's class colours: cat, dog, bird

rng = np.random.default_rng(7)
centres = np.array([[1.6, 1.2], [-1.5, 1.0], [0.0, -1.6]])
X = np.concatenate([c + 0.65 * rng.standard_normal((40, 2)) for c in centres])
y = np.repeat(np.arange(3), 40)
Y = np.eye(3)[y]


def softmax_rows(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


W = np.zeros((2, 3))
b = np.zeros(3)
for _ in range(4000):
    G = (softmax_rows(X @ W + b) - Y) / len(X)
    W -= 0.5 * (X.T @ G + 0.05 * W)
    b -= 0.5 * G.sum(axis=0)
print(f"W = {np.round(W, 3).tolist()}, b = {np.round(b, 3).tolist()}")

# %% [markdown]
# ## Score = length × signed distance {#score-and-distance}

# %%
query = np.array([0.6, 2.2])
z = query @ W + b
norms = np.linalg.norm(W, axis=0)
distances = z / norms
for j in range(3):
    print(f"class {j + 1}: z = {z[j]:+.3f} = |w| {norms[j]:.3f} x distance {distances[j]:+.3f}")

# %% alt="Scatter plot of three clusters of points, cat in orange at upper right, dog in sky blue at upper left and bird in green at the bottom, each class's zero-score line drawn dashed in its colour, the three regions where each class wins lightly shaded, and the query point marked with a black star."
plt.rcParams["figure.dpi"] = 110
colours = np.array(CLASS_COLOURS)
g1, g2 = np.meshgrid(np.linspace(-4, 4, 300), np.linspace(-4, 4, 300))
grid = np.column_stack([g1.ravel(), g2.ravel()])
regions = np.argmax(grid @ W + b, axis=1).reshape(g1.shape)

fig, ax = plt.subplots(figsize=(4.6, 4.6))
ax.contourf(g1, g2, regions, levels=[-0.5, 0.5, 1.5, 2.5], colors=colours, alpha=0.15)
ax.scatter(X[:, 0], X[:, 1], c=colours[y], s=14)
t = np.linspace(-4, 4, 2)
for j in range(3):
    w1, w2 = W[:, j]
    if abs(w2) > abs(w1):  # the line w1*t + w2*s + b = 0
        ax.plot(t, -(w1 * t + b[j]) / w2, color=colours[j], linestyle="--")
    else:
        ax.plot(-(w2 * t + b[j]) / w1, t, color=colours[j], linestyle="--")
ax.plot(*query, marker="*", markersize=14, color="black")
ax.set_xlim(-4, 4)
ax.set_ylim(-4, 4)
ax.set_aspect("equal")
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
plt.show()

# %% [markdown]
# ## Scaling a class's weights {#scaling}
#
# Multiply $\mathbf{w}_1$ and $b_1$ (cat) by $s > 0$: cat's line stays where it is, but its
# scores are multiplied by $s$, and since the boundaries are where two scores are equal, the
# two boundaries of the cat region turn and part of the plane changes class (the dog–bird
# boundary stays where it is). Multiplying all of $W$ and $\mathbf{b}$ by $s$
# instead is the same as dividing every score by one number $T = 1/s$, called a temperature:
# the largest score stays the largest, so nothing changes class, and only the probabilities
# sharpen ($s > 1$) or flatten ($s < 1$). Try other values of `s`.

# %%
before = np.argmax(grid @ W + b, axis=1)
for s in (0.5, 1.0, 2.0):
    W_s, b_s = W.copy(), b.copy()
    W_s[:, 0] *= s  # class 1, cat, only
    b_s[0] *= s
    moved = np.mean(np.argmax(grid @ W_s + b_s, axis=1) != before)
    p = softmax_rows((query @ W_s + b_s)[None, :])[0]
    p_all = softmax_rows((query @ (s * W) + s * b)[None, :])[0]
    moved_all = np.mean(np.argmax(grid @ (s * W) + s * b, axis=1) != before)
    print(f"s = {s}: cat only: y_hat = {np.round(p, 3)}, share of the plot that changes class {moved:.3f}")
    print(f"        all classes: y_hat = {np.round(p_all, 3)}, share that changes class {moved_all:.3f}")

# %% [markdown]
# ## The real boundary between cat and dog {#cat-and-dog}
#
# Cat and dog tie where $(\mathbf{w}_1 - \mathbf{w}_2) \cdot \mathbf{x} + (b_1 - b_2) = 0$.
# The normal and the offset are differences of the weights printed above, so they are shown
# to three decimals too: rounding each weight to two decimals first can change the last digit
# of a difference.

# %%
normal = W[:, 0] - W[:, 1]
offset = b[0] - b[1]
print(f"normal: {np.round(normal, 3)}, offset: {round(offset, 3)}")
print(f"at the query point: {round(query @ normal + offset, 3)} (positive: the cat side)")
