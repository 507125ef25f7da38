# %% [markdown]
# # 笔记本：计算过程
#
# 这个笔记本用可以改动的代码重走正文里的算例。输入是含 $n$ 个分量的特征向量 $\mathbf{x}$；全连接层为每个类别 $j$ 算出得分 $z_j = \mathbf{w}_j \cdot \mathbf{x} + b_j$，再由 softmax 把 $k$ 个得分变成概率 $\hat{y}_j = e^{z_j} / \sum_l e^{z_l}$。
#
# ## 数据 {#the-numbers}
#
# 特征是一张 2×2 小图的四个像素，按行展开。`W` 的第 $j$ 列是类别 $j$ 的权重。

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
print("x:", x.shape, " W:", W.shape, " b:", b.shape)

# %% [markdown]
# ## 得分 {#scores}
#
# 一次矩阵乘法就得到全部 $k$ 个得分：$\mathbf{z} = W^\top \mathbf{x} + \mathbf{b}$。

# %%
z = x @ W + b
for name, score in zip(classes, z, strict=True):
    print(f"{name:>5}: z = {score:+.2f}")

# %% [markdown]
# ## Softmax {#softmax}
#
# 先取指数，再除以总和。先减去最大得分不会改变结果，却能避免 `np.exp` 溢出。


# %%
def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


p = softmax(z)
for name, score, prob in zip(classes, z, p, strict=True):
    print(f"{name:>5}: z = {score:+.2f}  exp(z) = {np.exp(score):6.3f}  p = {prob:.3f}")
print("sum of p:", p.sum())

# %% alt="并排的两张柱状图：左边是猫、狗、鸟三个类别的得分，右边是它们经 softmax 后的概率，概率都为正且总和为一。"
plt.rcParams["figure.dpi"] = 110
fig, (left, right) = plt.subplots(1, 2, figsize=(7, 2.6))
left.bar(classes, z, color=["#0072B2", "#E69F00", "#009E73"])
left.axhline(0, color="black", linewidth=0.8)
left.set_title("scores z")
right.bar(classes, p, color=["#0072B2", "#E69F00", "#009E73"])
right.set_ylim(0, 1)
right.set_title("probabilities p = softmax(z)")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 一批输入 {#a-batch}
#
# 把 $m$ 个特征向量按行叠成矩阵 $X$，同样的代码就能一次给它们全部打分：$Z = XW + \mathbf{b}$ 的每一行是一个输入的得分。可以在这里换上自己的像素值，也可以回到上面改动 `W` 里的某个权重，再重新运行整个笔记本。

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
print("predicted:", [classes[j] for j in P.argmax(axis=1)])
