# %% [markdown]
# # Notebook: the weighting view
#
# A score is a weighted sum of the features. Every product $w_{ij} x_i$ is one feature's
# vote for one class: for a positive feature, such as a pixel's brightness, a positive weight
# pushes the class's score up and a negative weight pulls it down. (The probability depends
# on how the weight compares with the other classes' weights for the same feature.)
#
# ## Votes in the worked example {#votes}

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

votes = W * x[:, None]  # votes[i, j] = w_ij * x_i
print("votes (rows: pixels, columns: classes)")
print(np.round(votes, 2))
print("column sums + b:", np.round(votes.sum(axis=0) + b, 2))
print("x @ W + b:      ", np.round(x @ W + b, 2))

# %% [markdown]
# ## Weights learned from the iris flowers {#iris}
#
# The iris data set (bundled with scikit-learn) has four measurements per flower and three
# species. As on the page, we hold out 30% of the flowers, standardise the features with the
# other flowers' mean and spread, so that weights are comparable, and fit softmax regression:
# gradient descent on the mean cross-entropy plus a weak L2 penalty
# $\frac{\lambda}{2}\lVert W \rVert^2$, $\lambda = 0.01$. The page's model was trained by an
# accelerated version of gradient descent for more steps; the plain version here reaches the
# same weights, up to differences far below the two decimals shown.

# %%
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split

iris = load_iris()
species = ["setosa", "versicolor", "virginica"]
features = ["sepal length", "sepal width", "petal length", "petal width"]
# The page's split: 30% held out, every species in the same share, the same seed.
X_train, X_test, y_train, y_test = train_test_split(
    iris.data, iris.target, test_size=0.3, random_state=0, stratify=iris.target
)
mean, std = X_train.mean(axis=0), X_train.std(axis=0)  # from the training flowers only
X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
Y_train = np.eye(3)[y_train]


def softmax_rows(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def fit(X, Y, l2=0.0, l1=0.0, steps=3000, lr=0.5):
    W = np.zeros((X.shape[1], Y.shape[1]))
    b = np.zeros(Y.shape[1])
    for _ in range(steps):
        G = (softmax_rows(X @ W + b) - Y) / len(X)  # gradient of the loss with respect to the scores
        W -= lr * (X.T @ G + l2 * W)
        b -= lr * G.sum(axis=0)
        W = np.sign(W) * np.maximum(np.abs(W) - lr * l1, 0)  # L1: shrink, and set small weights to zero
    return W, b


W_l2, b_l2 = fit(X_train, Y_train, l2=0.01)
accuracy = (np.argmax(X_test @ W_l2 + b_l2, axis=1) == y_test).mean()
print(f"held-out accuracy: {accuracy:.3f}")


# %% alt="Heat map of the learned weight matrix: four rows for sepal length, sepal width, petal length and petal width, three columns for setosa, versicolor and virginica; violet cells are positive weights, red cells negative, each labelled with its value."
# The site's weight colours: red for negative, violet for positive, white at zero.
from matplotlib.colors import LinearSegmentedColormap

WEIGHT_COLOURS = LinearSegmentedColormap.from_list("weights", ["#b2182b", "#ef8a62", "#ffffff", "#998ec3", "#542788"])


def show(ax, W, title):
    limit = np.abs(W).max()
    ax.imshow(W, cmap=WEIGHT_COLOURS, vmin=-limit, vmax=limit)
    ax.set_xticks(range(3), species, rotation=30, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(4), features)
    for (i, j), w in np.ndenumerate(W):
        colour = "white" if abs(w) > 0.6 * limit else "black"  # dark cells get light text
        ax.text(j, i, f"{w:+.1f}", ha="center", va="center", color=colour)
    ax.set_title(title)


plt.rcParams["figure.dpi"] = 110
fig, ax = plt.subplots(figsize=(5.6, 3.4))
show(ax, W_l2, "weights, weak L2")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## L1 sets weights to zero {#l1}
#
# An L1 penalty $\lambda \lVert W \rVert_1$ does more than shrink: it sets weights exactly to
# zero. Only differences within a row of $W$ matter: adding one number to a whole row changes
# no probability, so a feature is ignored whenever all the weights in its row are equal, zero
# or not. Of all the shifted copies of a row, L1 prefers the one with the smallest sum of
# absolute values, the one whose middle value is zero. So every row gets a zero for free, and
# a row of equal weights ends up as a row of zeros. The page's $\lambda = 0.05$ is used
# below; raise `l1` and watch more whole rows of zeros appear.

# %%
W_l1, b_l1 = fit(X_train, Y_train, l1=0.05)
print(f"weights equal to zero: L2 {int(np.sum(W_l2 == 0))}, L1 {int(np.sum(W_l1 == 0))}")
ignored = [features[i] for i in np.flatnonzero((W_l1 == 0).all(axis=1))]
print("whole rows of zeros (ignored features):", ignored)
print(np.round(W_l1, 2) + 0.0)  # + 0.0 turns -0.0 into 0.0
