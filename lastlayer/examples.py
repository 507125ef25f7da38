"""The toy problem carried through every page: three classes, one worked example.

Change a number here and every page, figure and test that quotes it follows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lastlayer import maths

#: Class names of the toy problem, in both languages; the order fixes each class's colour.
CLASS_NAMES = {
    "en": ("cat", "dog", "bird"),
    "zh": ("猫", "狗", "鸟"),
}


@dataclass(frozen=True)
class WorkedExample:
    """One feature vector pushed through the layer: x → z = Wᵀx + b → e^z → ŷ."""

    x: np.ndarray
    W: np.ndarray
    b: np.ndarray

    @property
    def z(self) -> np.ndarray:
        return maths.linear(self.x, self.W, self.b)

    @property
    def exp_z(self) -> np.ndarray:
        return np.exp(self.z)

    @property
    def exp_sum(self) -> float:
        return float(np.sum(self.exp_z))

    @property
    def probs(self) -> np.ndarray:
        return maths.softmax(self.z)


def worked_example() -> WorkedExample:
    """n = 4 features, k = 3 classes."""
    x = np.array([0.8, -0.4, 1.2, 0.5])
    W = np.array(
        [
            [1.5, -0.6, 0.3],
            [-0.2, 1.1, 0.4],
            [0.9, 0.2, -1.0],
            [-0.4, 0.8, 0.6],
        ]
    )
    b = np.array([0.0, 1.0, 0.6])
    return WorkedExample(x=x, W=W, b=b)
