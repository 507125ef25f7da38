# %% [markdown]
# # 笔记本：计算过程
#
# 这个笔记本用可以改动的代码重走正文里的算例。输入是含 $n$ 个分量的特征向量 $\mathbf{x}$；全连接层为每个类别 $j$ 算出分数 $z_j = \mathbf{w}_j \cdot \mathbf{x} + b_j$，再由 softmax 把 $k$ 个分数变成概率 $\hat{y}_j = e^{z_j} / \sum_l e^{z_l}$。
#
# ## 数据 {#the-numbers}
#
# 特征是一张 2×2 小图的四个像素，按行展开。`W` 的第 $j$ 列是类别 $j$ 的权重。

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
CLASS_COLOURS = ["#E69F00", "#56B4E9", "#009E73"]  # 与本站一致的类别颜色：猫、狗、鸟
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
print(f"x 的形状：{x.shape}，W 的形状：{W.shape}，b 的形状：{b.shape}")

# %% [markdown]
# ## 分数 {#scores}
#
# 一次矩阵乘法就得到全部 $k$ 个分数：$\mathbf{z} = W^\top \mathbf{x} + \mathbf{b}$。

# %%
z = x @ W + b
for name, score in zip(classes, z, strict=True):
    print(f"{name}：z = {score:+.2f}")

# %% [markdown]
# ## Softmax {#softmax}
#
# 先取指数，再除以总和。先减去最大分数不会改变结果，却能避免 `np.exp` 溢出。


# %%
def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


p = softmax(z)
for name, score, prob in zip(classes, z, p, strict=True):
    print(f"{name}：z = {score:+.2f}，exp(z) = {np.exp(score):6.3f}，ŷ = {prob:.3f}")
print("ŷ 之和：", p.sum())

# %% alt="并排的两张柱状图：左边是猫、狗、鸟三个类别的分数，右边是它们经 softmax 后的概率，概率都为正且总和为一。"
plt.rcParams["figure.dpi"] = 110
fig, (left, right) = plt.subplots(1, 2, figsize=(7, 2.6))
left.bar(classes, z, color=CLASS_COLOURS)
left.axhline(0, color="black", linewidth=0.8)
left.set_title("分数 z")
right.bar(classes, p, color=CLASS_COLOURS)
right.set_ylim(0, 1)
right.set_title("概率 ŷ = softmax(z)")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 一批输入 {#a-batch}
#
# 把 $N$ 个特征向量按行叠成矩阵 $X$，同样的代码就能一次给它们全部打分：$Z = XW + \mathbf{1}\mathbf{b}^\top$（numpy 的 `X @ W + b` 会把 $\mathbf{b}$ 加到每一行上）的每一行是一个输入的分数。可以在这里换上自己的像素值，也可以回到上面改动 `W` 里的某个权重，再重新运行整个笔记本。

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
print("预测类别：", [classes[j] for j in P.argmax(axis=1)])
