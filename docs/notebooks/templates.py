# %% [markdown]
# # Notebook: the template-matching view
#
# Column $j$ of $W$ has as many entries as the input has features, so it can be read as an
# input of its own: a template for class $j$. The score $\mathbf{w}_j \cdot \mathbf{x}$
# measures how well the input matches that template.
#
# ## Learning templates for handwritten digits {#digits}
#
# The digits data set (bundled with scikit-learn) holds 8×8 grey images of the digits 0 to 9.
# We fit softmax regression with an L2 penalty on three quarters of the images and keep the
# rest for testing.

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager

# Chinese labels need a font with Chinese characters: the first of CJK_FONTS this machine has, after DejaVu Sans.
CJK_FONTS = ["Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei"]
for path in font_manager.findSystemFonts():
    if any(key in path.lower() for key in ("noto", "sourcehan", "wqy", "msyh", "msjh", "simhei", "pingfang")):
        font_manager.fontManager.addfont(path)
installed = {f.name for f in font_manager.fontManager.ttflist}
plt.rcParams["font.family"] = ["DejaVu Sans", *[name for name in CJK_FONTS if name in installed][:1]]
from sklearn.datasets import load_digits

digits = load_digits()
X = digits.data / 16.0  # pixel values 0..16 scaled to 0..1
y = digits.target
order = np.random.default_rng(0).permutation(len(X))
train, test = order[: 3 * len(X) // 4], order[3 * len(X) // 4 :]


def softmax_rows(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def fit(X, y, k=10, l2=1e-3, steps=1500, lr=1.0):
    Y = np.eye(k)[y]
    W = np.zeros((X.shape[1], k))
    b = np.zeros(k)
    for _ in range(steps):
        G = (softmax_rows(X @ W + b) - Y) / len(X)
        W -= lr * (X.T @ G + l2 * W)
        b -= lr * G.sum(axis=0)
    return W, b


W, b = fit(X[train], y[train])
accuracy = (np.argmax(X[test] @ W + b, axis=1) == y[test]).mean()
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
# up. Dividing by both lengths gives the cosine, which measures the match alone. The two
# can rank classes differently:

# %%
image = X[test[0]]
dots = image @ W
cosines = dots / (np.linalg.norm(image) * np.linalg.norm(W, axis=0))
print("true digit:", y[test[0]])
print("ranking by dot product + b:", np.argsort(-(dots + b))[:3])
print("ranking by cosine:         ", np.argsort(-cosines)[:3])
print("template lengths:", np.round(np.linalg.norm(W, axis=0), 1))
