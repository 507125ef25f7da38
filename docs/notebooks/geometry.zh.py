# %% [markdown]
# # 笔记本：几何视角
#
# 只有两个特征时，一个输入就是平面上的一个点。对每个类别，满足 $\mathbf{w}_j \cdot \mathbf{x} + b_j = 0$ 的点构成一条直线（维数更高时是超平面），其法向量为 $\mathbf{w}_j$；分数等于点到这条直线的有符号距离乘以 $\lVert \mathbf{w}_j \rVert$。
#
# ## 平面上的三个类别 {#three-classes}

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

CLASS_COLOURS = ["#E69F00", "#56B4E9", "#009E73"]  # 与本站一致的类别颜色：猫、狗、鸟

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
print(f"W = {np.round(W, 3).tolist()}，b = {np.round(b, 3).tolist()}")

# %% [markdown]
# ## 分数 = 长度 × 有符号距离 {#score-and-distance}

# %%
query = np.array([0.6, 2.2])
z = query @ W + b
norms = np.linalg.norm(W, axis=0)
distances = z / norms
for j in range(3):
    print(f"类别 {j + 1}：z = {z[j]:+.3f} = 范数 {norms[j]:.3f} × 有符号距离 {distances[j]:+.3f}")

# %% alt="散点图：三簇点，猫为橙色、在右上，狗为天蓝色、在左上，鸟为绿色、在下方；每个类别分数为零的直线以同色虚线画出，三个类别各自胜出的区域用浅色填充，查询点用黑色星号标出。"
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
    if abs(w2) > abs(w1):  # 直线 w1*t + w2*s + b = 0
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
# ## 缩放一个类别的权重 {#scaling}
#
# 把 $\mathbf{w}_1$ 和 $b_1$（猫）同乘以 $s > 0$：猫自己的直线不动，但它的分数都乘上了 $s$。决策边界是两个分数相等的地方，所以猫区域的两条边界会转动，平面上有一部分会改变类别（狗与鸟之间的边界保持不动）。如果把整个 $W$ 和 $\mathbf{b}$ 都乘以 $s$，就相当于把每个分数都除以同一个数 $T = 1/s$，这个数叫作温度：最大的分数仍然最大，所以没有任何点改变类别，只是概率变得更尖锐（$s > 1$）或更平坦（$s < 1$）。不妨试试别的 `s`。

# %%
before = np.argmax(grid @ W + b, axis=1)
for s in (0.5, 1.0, 2.0):
    W_s, b_s = W.copy(), b.copy()
    W_s[:, 0] *= s  # 只缩放类别 1（猫）
    b_s[0] *= s
    moved = np.mean(np.argmax(grid @ W_s + b_s, axis=1) != before)
    p = softmax_rows((query @ W_s + b_s)[None, :])[0]
    p_all = softmax_rows((query @ (s * W) + s * b)[None, :])[0]
    moved_all = np.mean(np.argmax(grid @ (s * W) + s * b, axis=1) != before)
    print(f"s = {s}：只缩放猫，ŷ = {np.round(p, 3)}，图中改变类别的面积占比 {moved:.3f}")
    print(f"        缩放全部类别，ŷ = {np.round(p_all, 3)}，改变类别的面积占比 {moved_all:.3f}")

# %% [markdown]
# ## 猫与狗之间真正的边界 {#cat-and-dog}
#
# 猫和狗的分数在 $(\mathbf{w}_1 - \mathbf{w}_2) \cdot \mathbf{x} + (b_1 - b_2) = 0$ 处相等。法向量和偏移都是上面所打印权重的差，所以同样保留三位小数：如果先把每个权重舍入到两位小数再相减，差的最后一位可能就不对了。

# %%
normal = W[:, 0] - W[:, 1]
offset = b[0] - b[1]
print(f"法向量：{np.round(normal, 3)}，偏移：{round(offset, 3)}")
print(f"在查询点处：{round(query @ normal + offset, 3)}（为正：在猫的一侧）")
