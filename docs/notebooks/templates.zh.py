# %% [markdown]
# # 笔记本：模板匹配视角
#
# $W$ 的第 $j$ 列分量个数与输入特征相同，因此它本身也可以看成一个输入：类别 $j$ 的模板。点积 $\mathbf{w}_j \cdot \mathbf{x}$ 衡量输入与这个模板有多吻合，分数 $z_j = \mathbf{w}_j \cdot \mathbf{x} + b_j$ 则在此基础上再加上该类别的偏置。
#
# ## 为手写数字学习模板 {#digits}
#
# digits 数据集随 scikit-learn 一同发布，收录了 0 到 9 的 8×8 灰度手写数字图像。用其中四分之三的图像拟合带 L2 惩罚的 softmax 回归，剩下的留作测试。数据划分和训练方法都与正文页面一致：每个数字各留出四分之一，随机种子相同；训练同样是 8000 步带 Nesterov 动量的梯度下降（每一步先顺着上一步的方向多走一段，再从那里沿梯度下降）。所以下面打印出的准确率就是正文引用的那个数。

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
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
X = digits.data / 16.0  # 像素值从 0..16 缩放到 0..1
y = digits.target
# 每个数字各留出四分之一的图像做测试，随机种子为 0：与正文页面的划分相同。
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)


def softmax_rows(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def fit(X, y, k=10, l2=1e-3, steps=8000):
    """用带 Nesterov 动量的梯度下降，最小化平均交叉熵 + (l2/2)·‖W‖²。"""
    N = len(X)
    Y = np.eye(k)[y]
    # 1 / 曲率的上界：稳妥的步长
    lr = 1 / (np.linalg.norm(np.c_[X, np.ones(N)], 2) ** 2 / (2 * N) + l2)
    W, b = np.zeros((X.shape[1], k)), np.zeros(k)
    W_prev, b_prev = W, b
    for t in range(1, steps + 1):
        momentum = (t - 1) / (t + 2)
        V = W + momentum * (W - W_prev)  # 先顺着上一步的方向再走一段……
        c = b + momentum * (b - b_prev)
        G = (softmax_rows(X @ V + c) - Y) / N  # ……再在那里求梯度
        W_prev, b_prev = W, b
        W = V - lr * (X.T @ G + l2 * V)
        b = c - lr * G.sum(axis=0)
    return W, b


W, b = fit(X_train, y_train)
accuracy = (np.argmax(X_test @ W + b, axis=1) == y_test).mean()
print(f"测试集准确率：{accuracy:.3f}")

# %% [markdown]
# ## 把模板画成图像 {#templates-as-images}
#
# 把 $W$ 的每一列重排成 8×8 再画出来：紫色像素一旦有墨迹就抬高该类别的分数，红色像素则压低它。

# %% alt="十张 8×8 小热图，对应数字 0 到 9，每张把一个类别的权重列画成图像；紫色区域大致勾出该数字的笔画轮廓，红色区域的像素有墨迹时会压低该数字的分数。"
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
# 点积不仅取决于两个向量方向是否一致，还会随它们的长度增大。除以两者的长度就得到余弦，它只衡量方向上的吻合程度。对同一张图像来说，它自身的长度对每个类别都一样，所以能让两种排序出现分歧的只有模板的长度：一个很长的模板可能在点积上胜出，而另一个模板其实与图像的形状更吻合。两种打分都没有算入偏置；分数会把偏置加上，最后一行给出的就是按分数的排序，也就是分类器实际采用的排序。

# %%
dots = X_test @ W  # 只看匹配程度：不加偏置
cosines = dots / (np.linalg.norm(X_test, axis=1, keepdims=True) * np.linalg.norm(W, axis=0))
differ = np.flatnonzero(dots.argmax(axis=1) != cosines.argmax(axis=1))
print(f"{len(X_test)} 张测试图像中，点积最大与余弦最大的类别不一致的有 {len(differ)} 张")
i = differ[0]  # 取其中第一张
print("真实数字：", y_test[i])
print("按点积排序：", np.argsort(-dots[i])[:3])
print("按余弦排序：", np.argsort(-cosines[i])[:3])
print("模板长度：", np.round(np.linalg.norm(W, axis=0), 1))
print("按分数（点积 + b）排序：", np.argsort(-(dots[i] + b))[:3])
