# %% [markdown]
# # 笔记本：几何视角
#
# 只有两个特征时，一个输入就是平面上的一个点。对每个类别，满足 $\mathbf{w}_j \cdot \mathbf{x} + b_j = 0$ 的点构成一条直线（维数更高时是超平面），其法向量为 $\mathbf{w}_j$；得分等于点到这条直线的有向距离乘以 $\lVert \mathbf{w}_j \rVert$。
#
# ## 平面上的三个类别 {#three-classes}

# %%
import matplotlib.pyplot as plt
import numpy as np

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
print("W =", np.round(W, 2).tolist(), " b =", np.round(b, 2).tolist())

# %% [markdown]
# ## 得分 = 长度 × 有向距离 {#score-and-distance}

# %%
query = np.array([0.6, 2.2])
z = query @ W + b
norms = np.linalg.norm(W, axis=0)
distances = z / norms
for j in range(3):
    print(f"class {j}: z = {z[j]:+.2f} = |w| {norms[j]:.2f} x distance {distances[j]:+.2f}")

# %% alt="散点图：蓝、橙、绿三簇点，每个类别得分为零的直线以同色虚线画出，三个类别各自胜出的区域用浅色填充，待分类的点用黑色星号标出。"
plt.rcParams["figure.dpi"] = 110
colours = np.array(["#0072B2", "#E69F00", "#009E73"])
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
# ## 缩放一个类别的权重 {#scaling}
#
# 把 $\mathbf{w}_j$ 和 $b_j$ 同乘以 $s > 0$：直线的位置不变，但该类别的每个得分都乘上了 $s$，softmax 给出的结论因此变得更笃定或更犹豫。不妨试试别的 `s`。

# %%
for s in (0.5, 1.0, 2.0):
    W_s, b_s = W.copy(), b.copy()
    W_s[:, 1] *= s
    b_s[1] *= s
    p = softmax_rows((query @ W_s + b_s)[None, :])[0]
    print(f"s = {s}: p = {np.round(p, 3)}")
