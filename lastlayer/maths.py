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
