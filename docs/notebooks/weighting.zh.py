# %% [markdown]
# # 笔记本：加权视角
#
# 得分是各个特征的加权和。每一项 $w_{ij} x_i$ 都是某个特征给某个类别投的一票：权重为正，这个特征就把该类别的得分往上推；权重为负，则往下拉。
#
# ## 算例中的每一票 {#votes}

# %%
import matplotlib.pyplot as plt
import numpy as np

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
# ## 在鸢尾花数据上学到的权重 {#iris}
#
# 鸢尾花数据集随 scikit-learn 一同发布，每朵花有四项测量值，共三个品种。先把特征标准化，让各个权重可以互相比较，再用最朴素的梯度下降拟合 softmax 回归，目标是平均交叉熵加上 L2 惩罚项 $\frac{\lambda}{2}\lVert W \rVert^2$。

# %%
from sklearn.datasets import load_iris

iris = load_iris()
X = (iris.data - iris.data.mean(axis=0)) / iris.data.std(axis=0)
y = iris.target
Y = np.eye(3)[y]


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


W_l2, b_l2 = fit(X, Y, l2=0.01)
accuracy = (np.argmax(X @ W_l2 + b_l2, axis=1) == y).mean()
print(f"training accuracy: {accuracy:.3f}")


# %% alt="学到的权重矩阵热图：四行依次是花萼长、花萼宽、花瓣长、花瓣宽，三列是三个鸢尾品种；红色格子是正权重，蓝色是负权重，每格标有数值。"
def show(ax, W, title):
    limit = np.abs(W).max()
    ax.imshow(W, cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_xticks(range(3), iris.target_names)
    ax.set_yticks(range(4), [name.replace(" (cm)", "") for name in iris.feature_names])
    for (i, j), w in np.ndenumerate(W):
        colour = "white" if abs(w) > 0.6 * limit else "black"  # dark cells get light text
        ax.text(j, i, f"{w:+.1f}", ha="center", va="center", color=colour)
    ax.set_title(title)


plt.rcParams["figure.dpi"] = 110
fig, ax = plt.subplots(figsize=(4.6, 3.4))
show(ax, W_l2, "weights, L2")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## L1 会把权重压成零 {#l1}
#
# L1 惩罚 $\lambda \lVert W \rVert_1$ 不只是把权重缩小：它会把作用弱的权重直接变成零，于是每个类别只看少数几个特征。把 `l1` 调大，零会越来越多。

# %%
W_l1, b_l1 = fit(X, Y, l1=0.02)
print("weights equal to zero, L2:", int(np.sum(W_l2 == 0)), " L1:", int(np.sum(W_l1 == 0)))
print(np.round(W_l1, 2) + 0.0)  # + 0.0 turns -0.0 into 0.0
