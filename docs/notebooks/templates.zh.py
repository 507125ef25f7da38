# %% [markdown]
# # 笔记本：模板匹配视角
#
# $W$ 的第 $j$ 列分量个数与输入特征相同，因此它本身也可以看成一个输入：类别 $j$ 的模板。分数 $\mathbf{w}_j \cdot \mathbf{x}$ 衡量的就是输入与这个模板有多吻合。
#
# ## 为手写数字学习模板 {#digits}
#
# digits 数据集随 scikit-learn 一同发布，收录了 0 到 9 的 8×8 灰度手写数字图像。用其中四分之三的图像拟合带 L2 惩罚的 softmax 回归，剩下的留作测试。

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager

# 中文标签需要含汉字的字体：按 CJK_FONTS 的顺序，用本机已装的第一个，排在 DejaVu Sans 之后作为回退。
CJK_FONTS = ["Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei"]
for path in font_manager.findSystemFonts():
    if any(key in path.lower() for key in ("noto", "sourcehan", "wqy", "msyh", "msjh", "simhei", "pingfang")):
        font_manager.fontManager.addfont(path)
installed = {f.name for f in font_manager.fontManager.ttflist}
plt.rcParams["font.family"] = ["DejaVu Sans", *[name for name in CJK_FONTS if name in installed][:1]]
from sklearn.datasets import load_digits

digits = load_digits()
X = digits.data / 16.0  # 像素值从 0..16 缩放到 0..1
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
print(f"测试集准确率：{accuracy:.3f}")

# %% [markdown]
# ## 把模板画成图像 {#templates-as-images}
#
# 把 $W$ 的每一列重排成 8×8 再画出来：紫色像素一旦有墨迹就抬高该类别的分数，红色像素则压低它。

# %% alt="十张 8×8 小热图，对应数字 0 到 9，每张把一个类别的权重列画成图像；紫色区域大致勾出该数字的笔画轮廓，红色区域是与它相悖的像素。"
# 与本站权重图相同的发散色图：红色为负，紫色为正，零为白色。
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
# ## 点积还是余弦？ {#dot-or-cosine}
#
# 点积不仅取决于两个向量方向是否一致，还会随它们的长度增大。除以两者的长度就得到余弦，它只衡量方向上的吻合程度。两种打分给出的类别排序未必相同：

# %%
image = X[test[0]]
dots = image @ W
cosines = dots / (np.linalg.norm(image) * np.linalg.norm(W, axis=0))
print("真实数字：", y[test[0]])
print("按点积 + b 排序：", np.argsort(-(dots + b))[:3])
print("按余弦排序：     ", np.argsort(-cosines)[:3])
print("模板长度：", np.round(np.linalg.norm(W, axis=0), 1))
