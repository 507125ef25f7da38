# %% [markdown]
# # Notebook: how the layer learns
#
# The gradients of cross-entropy with respect to the layer's parameters, checked against
# finite differences; one gradient step on a misclassified point; cross-entropy against
# squared error; the shift freedom; the bias trick; log-softmax; and the softmax-twice bug.
#
# ## Gradients of one example {#gradients}
#
# For one example, $\partial L/\partial W = \mathbf{x}(\hat{\mathbf{y}} - \mathbf{e}_y)^\top$
# and $\partial L/\partial \mathbf{b} = \hat{\mathbf{y}} - \mathbf{e}_y$. The worked example,
# labelled as a cat: label 0 here, because numpy counts from 0 (the page calls it class 1).

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
print("max |analytic - numerical| =", max(np.abs(dW - num_dW).max(), np.abs(db - num_db).max()))

# %% [markdown]
# ## A batch {#batch}
#
# For a batch the loss is the mean over the examples, and so are the gradients. The toy data of
# the geometric page, with random weights:

# %%
rng = np.random.default_rng(7)
centres = np.array([[1.6, 1.2], [-1.5, 1.0], [0.0, -1.6]])
X = np.concatenate([c + 0.65 * rng.standard_normal((40, 2)) for c in centres])
y = np.repeat(np.arange(3), 40)

W_batch, b_batch = np.random.default_rng(1).standard_normal((2, 3)), np.zeros(3)
dW, db = gradients(X, W_batch, b_batch, y)
num_dW, num_db = numerical_gradients(X, W_batch, b_batch, y)
print("max |analytic - numerical| =", max(np.abs(dW - num_dW).max(), np.abs(db - num_db).max()))

# %% [markdown]
# ## One step on a misclassified point {#one-step}
#
# A layer at the start of training (random weights, zero bias) and the misclassified point with
# the largest loss. One step moves every column of $W$ along $\mathbf{x}$: the ratio of each
# move to $\mathbf{x}$ is $-\eta(\hat{y}_j - [j = y])$, the same for both coordinates.

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
print(f"x = {X[i].round(2)}, y = {y[i]}")
print(f"p before: {softmax(X[i] @ W0 + b0).round(2)}, accuracy: {np.mean((X @ W0 + b0).argmax(1) == y).round(3)}")
print(f"p after:  {softmax(X[i] @ W1 + b1).round(2)}, accuracy: {np.mean((X @ W1 + b1).argmax(1) == y).round(3)}")
print("moves (columns):\n", (W1 - W0).round(2))
print("moves / x:", ((W1 - W0) / X[i][:, None]).round(3))

# %% [markdown]
# ## Cross-entropy against squared error {#cross-entropy}
#
# The gradient on the true class's score as a function of its probability, three classes, the
# rest of the probability shared evenly. Squared error's gradient goes to zero where the layer
# is most wrong.


# %% alt="Line chart of the gradient on the true class's score against that class's probability from 0 to 1: the cross-entropy line rises straight from minus one to zero; the squared-error curve starts at zero, dips to about minus 0.22 near one third and returns to zero."
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
# ## The shift freedom {#shift-freedom}
#
# The columns of $\partial L/\partial W$ add up to zero, so plain gradient descent keeps
# $\sum_j \mathbf{w}_j$ as it was at the start; an L2 penalty shrinks it toward zero. From random
# weights on the digits:

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
    print(f"λ = {l2}: ‖Σ_j w_j‖ {np.linalg.norm(Wd.sum(1)):.2f} -> {np.linalg.norm(Wt.sum(1)):.2f}")

# %% [markdown]
# ## The bias trick {#bias-trick}
#
# Append a 1 to $\mathbf{x}$ and the row $\mathbf{b}^\top$ to $W$: the scores do not change.

# %%
x_tilde = np.append(x, 1.0)
W_tilde = np.vstack([W, b])
print(x_tilde @ W_tilde, x @ W + b)

# %% [markdown]
# ## log-softmax {#log-softmax}
#
# The probability of a very low score underflows to 0, and its logarithm to $-\infty$;
# $\mathbf{z} - \log\sum_l e^{z_l}$ stays finite.


# %%
def log_softmax(z):
    m = z.max()
    return z - (m + np.log(np.exp(z - m).sum()))


z = np.array([10.0, 0.0, -800.0])
with np.errstate(divide="ignore"):
    print("log(softmax(z)):", np.log(softmax(z)))
print("log_softmax(z): ", log_softmax(z))

# %% [markdown]
# ## The frameworks' conventions and the softmax-twice bug {#frameworks}
#
# PyTorch's `nn.Linear` stores $A = W^\top$ and computes $\mathbf{x}A^\top + \mathbf{b}$; a Keras
# `Dense` kernel is $W$ itself. Then the toy layer is trained twice from zero, once with the right
# loss and once with softmax applied before the cross-entropy, which is what happens when
# probabilities are passed to a loss that expects logits. Try more or fewer steps.

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
    print(f"softmax first: {first!s:5}  loss {loss(X, Wt, bt, y):.3f}  accuracy {acc:.3f}")
