# %% [markdown]
# # 笔记本：为什么用 softmax
#
# softmax 先用 $e^{z}$ 把分数变成正数，再除以 $\sum_l e^{z_l}$ 让它们的和为一。这个笔记本用数值实验逐条验证它的主要性质。
#
# ## 加上同一个常数，结果不变 {#shift}

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
# ## 为什么要先减去最大值 {#overflow}
#
# 自变量超过 709 左右，`np.exp` 就会溢出成无穷大，而无穷大除以无穷大得到 `nan`。先减去最大分数，所有指数就都不超过零。

# %%
big = np.array([1000.0, 999.0, 990.0])
with np.errstate(over="ignore", invalid="ignore"):
    print("直接套公式：", softmax_naive(big))
print("先减最大值：", softmax(big))

# %% [markdown]
# ## 温度 {#temperature}
#
# 把分数除以温度 $T$：$T < 1$ 时分布变得更尖锐，$T > 1$ 时变得更平坦；$T \to 0$ 时 softmax 趋近于 argmax 的独热向量。

# %% alt="折线图：横轴是取对数刻度的温度，从 0.1 到 10，纵轴是三个类别的概率。温度低时分数最高的类别接近 1，其余接近 0；温度高时三者都趋近三分之一。"
plt.rcParams["figure.dpi"] = 110
temperatures = np.geomspace(0.1, 10, 200)
curves = np.array([softmax(z / T) for T in temperatures])
fig, ax = plt.subplots(figsize=(5.5, 3.2))
for j, colour in enumerate(CLASS_COLOURS):
    ax.plot(temperatures, curves[:, j], color=colour, label=f"{j + 1}（{classes[j]}）")
ax.set_xscale("log")
ax.set_xlabel("温度 T")
ax.set_ylabel("softmax(z / T)")
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 交叉熵的梯度 {#gradient}
#
# 对正确类别 $c$ 的损失 $L = -\log \hat{y}_c$，它对分数的梯度是 $\hat{\mathbf{y}} - \mathbf{y}$，其中 $\mathbf{y}$ 为独热向量。和页面上的练习一样，把算例当作猫：numpy 的下标从 0 开始，所以这里 $c = 0$，也就是页面上的类别 1。用有限差分验证一下：

# %%
c = 0


def loss(z):
    return -np.log(softmax(z)[c])


analytic = softmax(z) - np.eye(3)[c]
h = 1e-6
numeric = np.array([(loss(z + h * e) - loss(z - h * e)) / (2 * h) for e in np.eye(3)])
print("ŷ − y：    ", np.round(analytic, 6))
print("数值差分：", np.round(numeric, 6))
