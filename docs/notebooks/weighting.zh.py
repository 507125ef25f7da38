# %% [markdown]
# # 笔记本：加权视角
#
# 分数是各个特征的加权和。每一项 $w_{ij} x_i$ 都是某个特征给某个类别投的一票：只要特征值为正（比如像素的亮度），权重为正就把该类别的分数往上推，权重为负则往下拉。（概率怎么变，还要看这个权重与其他类别在同一特征上的权重相比如何。）
#
# ## 算例中的每一票 {#votes}

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager

# 中文标签需要含汉字的字体：按 CJK_FONTS 的顺序，用本机已装的第一个，排在 DejaVu Sans 之后作为回退。
CJK_FONTS = ["Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei"]
FONT_PACKAGE = "pylopdf-fonts-zh-cn==0.1.1"
for path in font_manager.findSystemFonts():
    if any(key in path.lower() for key in ("noto", "sourcehan", "wqy", "msyh", "msjh", "simhei", "pingfang")):
        font_manager.fontManager.addfont(path)
installed = {f.name for f in font_manager.fontManager.ttflist}
if FONT_PACKAGE and not any(name in installed for name in CJK_FONTS):
    # 本机没有中文字体（比如 Colab 或新装的 Linux）：安装本站绘图用的同一个固定版本字体包。
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
        print(
            f"没有找到中文字体，也无法自动安装：请先安装字体 {CJK_FONTS[0]}（或字体包 {FONT_PACKAGE}），再重新运行这个单元格。"
        )
plt.rcParams["font.family"] = ["DejaVu Sans", *[name for name in CJK_FONTS if name in installed][:1]]

classes = ["猫", "狗", "鸟"]
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

votes = W * x[:, None]  # votes[i, j] = w_ij * x_i，即特征 i 给类别 j 的一票
print("每一票（行：像素，列：类别）")
print(np.round(votes, 2))
print("各列之和 + b：", np.round(votes.sum(axis=0) + b, 2))
print("x @ W + b：    ", np.round(x @ W + b, 2))

# %% [markdown]
# ## 在鸢尾花数据上学到的权重 {#iris}
#
# 鸢尾花数据集随 scikit-learn 一同发布，每朵花有四项测量值，这些花分属三个种。和正文一样，先留出 30% 的花做测试，再用其余花的均值和标准差把特征标准化，让各个权重可以互相比较，然后拟合 softmax 回归：在平均交叉熵加上很弱的 L2 惩罚项 $\frac{\lambda}{2}\lVert W \rVert^2$（$\lambda = 0.01$）上做梯度下降。正文的模型用的是加速版的梯度下降，迭代步数也更多；这里最朴素的版本得到的权重与它相差极小，远小于所显示的两位小数的精度。

# %%
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split

iris = load_iris()
species = ["山鸢尾", "变色鸢尾", "维吉尼亚鸢尾"]
features = ["花萼长度", "花萼宽度", "花瓣长度", "花瓣宽度"]
# 与正文相同的划分：留出 30%，各类比例一致，随机种子也相同。
X_train, X_test, y_train, y_test = train_test_split(
    iris.data, iris.target, test_size=0.3, random_state=0, stratify=iris.target
)
mean, std = X_train.mean(axis=0), X_train.std(axis=0)  # 只用训练用的花
X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
Y_train = np.eye(3)[y_train]


def softmax_rows(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def fit(X, Y, l2=0.0, l1=0.0, steps=3000, lr=0.5):
    W = np.zeros((X.shape[1], Y.shape[1]))
    b = np.zeros(Y.shape[1])
    for _ in range(steps):
        G = (softmax_rows(X @ W + b) - Y) / len(X)  # 损失对分数的梯度
        W -= lr * (X.T @ G + l2 * W)
        b -= lr * G.sum(axis=0)
        W = np.sign(W) * np.maximum(np.abs(W) - lr * l1, 0)  # L1：收缩，并把小权重压成零
    return W, b


W_l2, b_l2 = fit(X_train, Y_train, l2=0.01)
accuracy = (np.argmax(X_test @ W_l2 + b_l2, axis=1) == y_test).mean()
print(f"测试集准确率：{accuracy:.3f}")


# %% alt="学到的权重矩阵热图：四行依次是花萼长度、花萼宽度、花瓣长度、花瓣宽度，三列依次是山鸢尾、变色鸢尾、维吉尼亚鸢尾；紫色格子是正权重，红色是负权重，每格标有数值。"
# 与本站权重图相同的发散色图：红色为负，紫色为正，零为白色。
from matplotlib.colors import LinearSegmentedColormap

WEIGHT_COLOURS = LinearSegmentedColormap.from_list("weights", ["#b2182b", "#ef8a62", "#ffffff", "#998ec3", "#542788"])


def show(ax, W, title):
    limit = np.abs(W).max()
    ax.imshow(W, cmap=WEIGHT_COLOURS, vmin=-limit, vmax=limit)
    ax.set_xticks(range(3), species, rotation=30, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(4), features)
    for (i, j), w in np.ndenumerate(W):
        colour = "white" if abs(w) > 0.6 * limit else "black"  # 深色格子用浅色字
        ax.text(j, i, f"{w:+.1f}", ha="center", va="center", color=colour)
    ax.set_title(title)


plt.rcParams["figure.dpi"] = 110
fig, ax = plt.subplots(figsize=(5.6, 3.4))
show(ax, W_l2, "权重（弱 L2）")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## L1 会把权重压成零 {#l1}
#
# L1 惩罚 $\lambda \lVert W \rVert_1$ 不只是把权重缩小：它会把权重恰好压成零。$W$ 的每一行只有差值才算数：给整行加同一个数，任何概率都不变，所以只要一行里的权重全都相等，不论是不是零，这个特征都被忽略了。在一行的所有平移版本中，L1 偏爱绝对值之和最小的那个，也就是中间那个值为零的版本。于是每行都能白得一个零，而权重全都相等的行最后会变成全零。下面用的是正文的 $\lambda = 0.05$；把 `l1` 调大，看看更多整行为零的特征如何出现。

# %%
W_l1, b_l1 = fit(X_train, Y_train, l1=0.05)
print(f"等于零的权重个数：L2 为 {int(np.sum(W_l2 == 0))}，L1 为 {int(np.sum(W_l1 == 0))}")
ignored = [features[i] for i in np.flatnonzero((W_l1 == 0).all(axis=1))]
print("整行为零（被忽略）的特征：", ignored)
print(np.round(W_l1, 2) + 0.0)  # 加 0.0 把 -0.0 变成 0.0
