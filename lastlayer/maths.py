"""The maths of the last layer: a fully connected layer followed by softmax.

Every number the site shows is computed by these functions, so pages, figures and
tests share one source.
"""

from __future__ import annotations

import numpy as np


def linear(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Scores z = Wᵀx + b for a feature vector x (n,), weights W (n, k) and bias b (k,)."""
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    if W.shape[0] != x.shape[-1]:
        raise ValueError(f"W has {W.shape[0]} rows but x has {x.shape[-1]} features")
    return x @ W + np.asarray(b, dtype=float)


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """Numerically stable softmax: subtracting the maximum changes nothing but avoids overflow."""
    z = np.asarray(z, dtype=float)
    shifted = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax_naive(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """The textbook formula e^z / Σ e^z, which overflows for large scores."""
    e = np.exp(np.asarray(z, dtype=float))
    return e / np.sum(e, axis=axis, keepdims=True)


def signed_distance(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """Signed distance of x to the hyperplane w·x + b = 0, positive on the side w points to."""
    return (np.asarray(x, dtype=float) @ np.asarray(w, dtype=float) + b) / np.linalg.norm(w)


def log_sum_exp(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """log Σ e^z, computed stably; a smooth upper bound of max(z)."""
    z = np.asarray(z, dtype=float)
    m = np.max(z, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(z - m), axis=axis))


def sigmoid(t: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(t, dtype=float)))


def cross_entropy(z: np.ndarray, label: int) -> float:
    """−log ŷ_label for scores z: the negative log-likelihood of the true class."""
    return float(log_sum_exp(z) - np.asarray(z, dtype=float)[label])


def cross_entropy_grad(z: np.ndarray, label: int) -> np.ndarray:
    """Gradient of the cross-entropy with respect to the scores: ŷ − y."""
    return softmax(z) - np.eye(len(z))[label]


def reliability(probs: np.ndarray, labels: np.ndarray, bins: int = 10) -> dict[str, np.ndarray | float]:
    """Confidence against accuracy in equal-width confidence bins, and the expected calibration error."""
    confidence = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    count = np.bincount(which, minlength=bins)
    acc = np.bincount(which, weights=correct, minlength=bins) / np.maximum(count, 1)
    conf = np.bincount(which, weights=confidence, minlength=bins) / np.maximum(count, 1)
    ece = float(np.sum(count / len(labels) * np.abs(acc - conf)))
    return {"edges": edges, "count": count, "accuracy": acc, "confidence": conf, "ece": ece}


def conv1x1(feature_map: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A 1×1 convolution: the same dense layer applied at every position of an (H, W, C) map."""
    return np.einsum("hwc,ck->hwk", np.asarray(feature_map, dtype=float), W) + b


def probability_gradient(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """∂ŷ_j/∂x_i for one input, shape (n, k): ŷ_j (w_ij − Σ_l ŷ_l w_il).

    With more than two classes its sign need not be the sign of w_ij: what counts is how
    w_ij compares with the probability-weighted average of feature i's weights.
    """
    p = softmax(linear(x, W, b))
    W = np.asarray(W, dtype=float)
    return p * (W - (W @ p)[:, None])


def cross_entropy_param_grads(x: np.ndarray, W: np.ndarray, b: np.ndarray, label: int) -> tuple[np.ndarray, np.ndarray]:
    """Gradients of −log ŷ_label with respect to the parameters.

    ∂L/∂W = x (ŷ − e_y)ᵀ, shape (n, k), and ∂L/∂b = ŷ − e_y, shape (k,).
    """
    g = cross_entropy_grad(linear(x, W, b), label)
    return np.outer(np.asarray(x, dtype=float), g), g


def conv2d_valid(feature_map: np.ndarray, kernel: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A convolution layer as deep-learning libraries define it (cross-correlation, stride 1, no padding).

    ``feature_map`` is (H, W, C), ``kernel`` (h, w, C, K); the result is (H − h + 1, W − w + 1, K).
    It is computed the way a convolution slides: for every offset (a, c) of the kernel, the shifted
    map is multiplied by that offset's C × K weights and added up. Nothing is flattened.
    """
    fmap = np.asarray(feature_map, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    H, Wd, C = fmap.shape
    h, w, C2, K = kernel.shape
    if C != C2:
        raise ValueError(f"the map has {C} channels but the kernel expects {C2}")
    out = np.zeros((H - h + 1, Wd - w + 1, K)) + np.asarray(b, dtype=float)
    for a in range(h):
        for c in range(w):
            out += fmap[a : a + H - h + 1, c : c + Wd - w + 1, :] @ kernel[a, c]
    return out
