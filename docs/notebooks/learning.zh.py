# %% [markdown]
# # 笔记本：这一层如何学习
#
# 交叉熵对这一层参数的梯度（与有限差分对照）；在一个分错的点上走一步梯度下降；交叉熵与平方误差的对比；平移自由度；偏置技巧；log-softmax；以及两次 softmax 的错误。
#
# ## 单个样本的梯度 {#gradients}
#
# 对单个样本，$\partial L/\partial W = \mathbf{x}(\hat{\mathbf{y}} - \mathbf{e}_y)^\top$，$\partial L/\partial \mathbf{b} = \hat{\mathbf{y}} - \mathbf{e}_y$。下面用本站算例，标签设为猫：numpy 的下标从 0 开始，所以这里的标签是 0，也就是页面上的类别 1。

# %%
import matplotlib.pyplot as plt
import numpy as np


def softmax(z):
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def loss(X, W, b, y):
    Z = np.atleast_2d(X @ W + b)
    y = np.atleast_1d(y)
    m = Z.max(axis=1)
    lse = m + np.log(np.exp(Z - m[:, None]).sum(axis=1))
    return np.mean(lse - Z[np.arange(len(y)), y])


def gradients(X, W, b, y):
    k = W.shape[1]
    if X.ndim == 1:
        dz = softmax(X @ W + b) - np.eye(k)[y]
        return np.outer(X, dz), dz
    G = softmax(X @ W + b) - np.eye(k)[y]
    return X.T @ G / len(X), G.mean(axis=0)


def numerical_gradients(X, W, b, y, eps=1e-6):
    dW, db = np.zeros_like(W), np.zeros_like(b)
    for idx in np.ndindex(W.shape):
        E = np.zeros_like(W)
        E[idx] = eps
        dW[idx] = (loss(X, W + E, b, y) - loss(X, W - E, b, y)) / (2 * eps)
    for j in range(len(b)):
        e = np.zeros_like(b)
        e[j] = eps
        db[j] = (loss(X, W, b + e, y) - loss(X, W, b - e, y)) / (2 * eps)
    return dW, db


x = np.array([0.9, 0.1, 0.3, 0.8])
W = np.array([[1.6, -0.5, 0.4], [-0.7, 1.4, 0.9], [-0.3, 1.1, -1.2], [1.2, 0.2, -0.6]])
b = np.array([-0.1, 0.5, 0.2])
dW, db = gradients(x, W, b, 0)
num_dW, num_db = numerical_gradients(x, W, b, 0)
print("dL/dz =", np.round(db, 3))
print("dL/dW =\n", np.round(dW, 3))
print("解析梯度与数值梯度之差的最大绝对值 =", max(np.abs(dW - num_dW).max(), np.abs(db - num_db).max()))

# %% [markdown]
# ## 一个批量 {#batch}
#
# 对一个批量，损失是各样本损失的平均，梯度也是平均。用几何视角一页的玩具数据和随机权重验证：

# %%
rng = np.random.default_rng(7)
centres = np.array([[1.6, 1.2], [-1.5, 1.0], [0.0, -1.6]])
X = np.concatenate([c + 0.65 * rng.standard_normal((40, 2)) for c in centres])
y = np.repeat(np.arange(3), 40)

W_batch, b_batch = np.random.default_rng(1).standard_normal((2, 3)), np.zeros(3)
dW, db = gradients(X, W_batch, b_batch, y)
num_dW, num_db = numerical_gradients(X, W_batch, b_batch, y)
print("解析梯度与数值梯度之差的最大绝对值 =", max(np.abs(dW - num_dW).max(), np.abs(db - num_db).max()))

# %% [markdown]
# ## 在分错的点上走一步 {#one-step}
#
# 一个刚开始训练的层（随机权重，偏置为零），以及它分错的点里损失最大的那个。一步更新让 $W$ 的每一列都沿 $\mathbf{x}$ 移动：每列位移与 $\mathbf{x}$ 之比是 $-\eta(\hat{y}_j - [j = y])$，两个坐标上的比值相同。

# %%
W0 = 0.5 * np.random.default_rng(0).standard_normal((2, 3))
b0 = np.zeros(3)
Z0 = X @ W0 + b0
losses = [loss(X[i], W0, b0, y[i]) for i in range(len(y))]
wrong = np.flatnonzero(Z0.argmax(axis=1) != y)
i = wrong[np.argmax(np.array(losses)[wrong])]
eta = 0.25
dW, db = gradients(X[i], W0, b0, y[i])
W1, b1 = W0 - eta * dW, b0 - eta * db
print(f"x = {X[i].round(2)}，真实类别 y = {y[i]}")
print(f"更新前的概率：{softmax(X[i] @ W0 + b0).round(2)}，准确率：{np.mean((X @ W0 + b0).argmax(1) == y).round(3)}")
print(f"更新后的概率：{softmax(X[i] @ W1 + b1).round(2)}，准确率：{np.mean((X @ W1 + b1).argmax(1) == y).round(3)}")
print("各列的位移：\n", (W1 - W0).round(2))
print("位移 / x：", ((W1 - W0) / X[i][:, None]).round(3))

# %% [markdown]
# ## 交叉熵与平方误差 {#cross-entropy}
#
# 真实类别分数上的梯度随该类别概率的变化，三个类别，其余概率平均分配。这一层错得最离谱的地方，平方误差的梯度几乎为零。


# %% alt="折线图：横轴是真实类别的概率，从 0 到 1，纵轴是真实类别分数上的梯度。交叉熵是一条从 −1 直线上升到 0 的线；平方误差的曲线从 0 出发，在约三分之一处降到约 −0.22，再回到 0。"
def squared_error_grad(z, label):
    p = softmax(z)
    J = np.diag(p) - np.outer(p, p)
    return J.T @ (p - np.eye(len(z))[label])


def scores_for(p_true, k=3):
    probs = np.full(k, (1 - p_true) / (k - 1))
    probs[0] = p_true
    return np.log(probs)


ps = np.linspace(0.001, 0.999, 300)
ce = np.array([softmax(scores_for(p))[0] - 1 for p in ps])
se = np.array([squared_error_grad(scores_for(p), 0)[0] for p in ps])
plt.rcParams["figure.dpi"] = 110
fig, ax = plt.subplots(figsize=(5.5, 3.2))
ax.plot(ps, ce, color="#0072B2", label=r"$-\log\,\hat{y}_y$")
ax.plot(ps, se, color="#E69F00", linestyle="--", label=r"$\frac{1}{2}\Vert\hat{\mathbf{y}}-\mathbf{e}_y\Vert^2$")
ax.set_xlabel(r"$\hat{y}_y$")
ax.set_ylabel(r"$\partial L / \partial z_y$")
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 平移自由度 {#shift-freedom}
#
# $\partial L/\partial W$ 的各列之和为零，所以普通梯度下降让 $\sum_j \mathbf{w}_j$ 保持初始值不变；加上 L2 惩罚，它会缩向零。在手写数字上从随机权重出发：

# %%
from sklearn.datasets import load_digits

digits = load_digits()
Xd, yd = digits.data / 16.0, digits.target
Wd = np.random.default_rng(0).standard_normal((64, 10))
step = 1.0 / (np.linalg.norm(np.c_[Xd, np.ones(len(Xd))], 2) ** 2 / (2 * len(Xd)))
for l2 in (0.0, 0.05):
    Wt, bt = Wd.copy(), np.zeros(10)
    lr = 1.0 / (1.0 / step + l2)
    for _ in range(300):
        dW, db = gradients(Xd, Wt, bt, yd)
        Wt, bt = Wt - lr * (dW + l2 * Wt), bt - lr * db
    print(f"λ = {l2}：‖Σ_j w_j‖ 从 {np.linalg.norm(Wd.sum(1)):.2f} 变为 {np.linalg.norm(Wt.sum(1)):.2f}")

# %% [markdown]
# ## 偏置技巧 {#bias-trick}
#
# 给 $\mathbf{x}$ 末尾补 1，给 $W$ 末尾补一行 $\mathbf{b}^\top$：分数不变。

# %%
x_tilde = np.append(x, 1.0)
W_tilde = np.vstack([W, b])
print(x_tilde @ W_tilde, x @ W + b)

# %% [markdown]
# ## log-softmax {#log-softmax}
#
# 很低的分数对应的概率会下溢成 0，取对数就是 $-\infty$；而 $\mathbf{z} - \log\sum_l e^{z_l}$ 始终有限。


# %%
def log_softmax(z):
    m = z.max()
    return z - (m + np.log(np.exp(z - m).sum()))


z = np.array([10.0, 0.0, -800.0])
with np.errstate(divide="ignore"):
    print("先 softmax 再取对数：", np.log(softmax(z)))
print("直接算对数概率：  ", log_softmax(z))

# %% [markdown]
# ## 框架的约定与两次 softmax 的错误 {#frameworks}
#
# PyTorch 的 `nn.Linear` 存的是 $A = W^\top$，计算 $\mathbf{x}A^\top + \mathbf{b}$；Keras `Dense` 的 kernel 就是 $W$ 本身。随后从零权重出发把玩具数据上的层训练两遍：一遍用正确的损失，一遍在交叉熵之前先做 softmax（把概率传给要求 logit 的损失函数时就是这样）。可以试试改变步数。

# %%
A = W.T
print("x @ A.T + b  =", x @ A.T + b)
print("x @ kernel + b =", x @ W + b)


def softmax_twice_grad(z, label):
    p = softmax(z)
    J = np.diag(p) - np.outer(p, p)
    return J.T @ (softmax(p) - np.eye(len(z))[label])


for first in (False, True):
    Wt, bt = np.zeros((2, 3)), np.zeros(3)
    for _ in range(200):
        Z = X @ Wt + bt
        if first:
            G = np.array([softmax_twice_grad(z, label) for z, label in zip(Z, y, strict=True)])
        else:
            G = softmax(Z) - np.eye(3)[y]
        Wt, bt = Wt - 1.0 * X.T @ G / len(y), bt - 1.0 * G.mean(axis=0)
    acc = np.mean((X @ Wt + bt).argmax(1) == y)
    print(f"先做 softmax：{first!s:5}  损失 {loss(X, Wt, bt, y):.3f}  准确率 {acc:.3f}")
