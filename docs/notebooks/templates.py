# %% [markdown]
# # Notebook: the template-matching view
#
# Column $j$ of $W$ has as many entries as the input has features, so it can be read as an
# input of its own: a template for class $j$. The dot product $\mathbf{w}_j \cdot \mathbf{x}$
# measures how well the input matches that template, and the score
# $z_j = \mathbf{w}_j \cdot \mathbf{x} + b_j$ adds the class's bias.
#
# ## Learning templates for handwritten digits {#digits}
#
# The digits data set (bundled with scikit-learn) holds 8×8 grey images of the digits 0 to 9.
# We fit softmax regression with an L2 penalty on three quarters of the images and keep the
# rest for testing. Split and training are the page's: a quarter of each digit held out with
# the same seed, and the same 8000 steps of gradient descent with Nesterov momentum (each step
# first moves on along the previous one, then follows the gradient from there), so the
# accuracy printed below is the one the page quotes.

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
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
X = digits.data / 16.0  # pixel values 0..16 scaled to 0..1
y = digits.target
# A quarter of the images of each digit held out for testing, seed 0: the page's split.
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)


def softmax_rows(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def fit(X, y, k=10, l2=1e-3, steps=8000):
    """Mean cross-entropy + (l2/2)·‖W‖², minimised by gradient descent with Nesterov momentum."""
    N = len(X)
    Y = np.eye(k)[y]
    # 1 / (a bound on the curvature): a safe step size
    lr = 1 / (np.linalg.norm(np.c_[X, np.ones(N)], 2) ** 2 / (2 * N) + l2)
    W, b = np.zeros((X.shape[1], k)), np.zeros(k)
    W_prev, b_prev = W, b
    for t in range(1, steps + 1):
        momentum = (t - 1) / (t + 2)
        V = W + momentum * (W - W_prev)  # move on along the previous step...
        c = b + momentum * (b - b_prev)
        G = (softmax_rows(X @ V + c) - Y) / N  # ...then take the gradient there
        W_prev, b_prev = W, b
        W = V - lr * (X.T @ G + l2 * V)
        b = c - lr * G.sum(axis=0)
    return W, b


W, b = fit(X_train, y_train)
accuracy = (np.argmax(X_test @ W + b, axis=1) == y_test).mean()
print(f"test accuracy: {accuracy:.3f}")

# %% [markdown]
# ## The templates as images {#templates-as-images}
#
# Reshape each column of $W$ to 8×8 and draw it: violet pixels raise the class's score when
# they are inked, red pixels lower it.

# %% alt="Ten small 8×8 heat maps, one per digit from 0 to 9, showing each class's weight column as an image; the violet regions trace rough outlines of the digit, the red regions mark pixels that argue against it."
# The site's weight colours: red for negative, violet for positive, white at zero.
from matplotlib.colors import LinearSegmentedColormap

WEIGHT_COLOURS = LinearSegmentedColormap.from_list("weights", ["#b2182b", "#ef8a62", "#ffffff", "#998ec3", "#542788"])
plt.rcParams["figure.dpi"] = 110
fig, axes = plt.subplots(2, 5, figsize=(7.5, 3.4))
limit = np.abs(W).max()
for digit, ax in enumerate(axes.flat):
    ax.imshow(W[:, digit].reshape(8, 8), cmap=WEIGHT_COLOURS, vmin=-limit, vmax=limit)
    ax.set_title(str(digit))
    ax.axis("off")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Dot product or cosine? {#dot-or-cosine}
#
# The dot product grows with the length of both vectors, not only with how well they line
# up. Dividing by both lengths gives the cosine, which measures the match alone. For one
# image, its own length is the same for every class, so only the templates' lengths can make
# the two rank the classes differently: a long template can win the dot product while
# another one matches the image's shape better. The bias is left out of both; the score adds
# it, and the last line shows the ranking by score, the one the classifier uses.

# %%
dots = X_test @ W  # the match alone: no bias
cosines = dots / (np.linalg.norm(X_test, axis=1, keepdims=True) * np.linalg.norm(W, axis=0))
differ = np.flatnonzero(dots.argmax(axis=1) != cosines.argmax(axis=1))
print(f"test images whose best dot product and best cosine disagree: {len(differ)} of {len(X_test)}")
i = differ[0]  # the first of them
print("true digit:", y_test[i])
print("ranking by dot product:", np.argsort(-dots[i])[:3])
print("ranking by cosine:     ", np.argsort(-cosines[i])[:3])
print("template lengths:", np.round(np.linalg.norm(W, axis=0), 1))
print("ranking by score (dot product + b):", np.argsort(-(dots[i] + b))[:3])
