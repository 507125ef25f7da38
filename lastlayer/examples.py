"""The toy problem carried through every page: three classes, one worked example.

The worked example is a 2×2-pixel image (n = 4 features) scored for k = 3 classes. The
geometric view needs a plane, so it uses a 2-D toy data set of the same three classes.
Change a number here and every page, figure and test that quotes it follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from lastlayer import languages, maths

#: Class names of the toy problem, {lang: names} (lastlayer/languages.py); the order fixes each class's colour.
CLASS_NAMES = languages.PerLanguage("names.classes")
#: The worked example's features are the pixels of a 2×2 image, read row by row.
IMAGE_SHAPE = (2, 2)


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
    def contributions(self) -> np.ndarray:
        """w_ij·x_i, shape (n, k): what feature i adds to the score of class j."""
        return self.W * self.x[:, None]

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
    """n = 4 pixel intensities in [0, 1], k = 3 classes; column j of W is class j's template."""
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
    return WorkedExample(x=x, W=W, b=b)


@dataclass(frozen=True)
class Toy2D:
    """Three classes of points in a 2-D feature space and the layer trained on them."""

    X: np.ndarray  # (N, 2)
    y: np.ndarray  # (N,)
    W: np.ndarray  # (2, 3)
    b: np.ndarray  # (3,)
    query: np.ndarray  # (2,) the point whose distances the page follows

    @property
    def z(self) -> np.ndarray:
        return maths.linear(self.query, self.W, self.b)

    @property
    def norms(self) -> np.ndarray:
        return np.linalg.norm(self.W, axis=0)

    @property
    def distances(self) -> np.ndarray:
        return np.array([maths.signed_distance(self.query, self.W[:, j], self.b[j]) for j in range(3)])


TOY_CENTRES = np.array([[1.6, 1.2], [-1.5, 1.0], [0.0, -1.6]])


@cache
def toy2d() -> Toy2D:
    from lastlayer.models import fit_softmax

    rng = np.random.default_rng(7)
    per_class = 40
    X = np.concatenate([c + 0.65 * rng.standard_normal((per_class, 2)) for c in TOY_CENTRES])
    y = np.repeat(np.arange(3), per_class)
    model = fit_softmax(X, y, l2=0.05, steps=4000)
    return Toy2D(X=X, y=y, W=model.W, b=model.b, query=np.array([0.6, 2.2]))


#: Factors by which the geometric page scales class 1's weights and bias.
SCALES = (0.5, 1.0, 2.0)


def scaled(toy: Toy2D, j: int, s: float) -> tuple[np.ndarray, np.ndarray]:
    """W and b with class j's weights and bias multiplied by s: same line, s times the score."""
    W, b = toy.W.copy(), toy.b.copy()
    W[:, j] *= s
    b[j] *= s
    return W, b


#: The square of the feature plane the geometric figures show, in both coordinates.
TOY_WINDOW = (-3.6, 3.6)


def scaled_all(toy: Toy2D, s: float) -> tuple[np.ndarray, np.ndarray]:
    """W and b with every class's weights and bias multiplied by s: a temperature of 1/s."""
    return s * toy.W, s * toy.b


def window_grid(steps: int = 401) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A regular grid over :data:`TOY_WINDOW`: the two coordinate arrays and the (steps², 2) points."""
    axis = np.linspace(*TOY_WINDOW, steps)
    gx, gy = np.meshgrid(axis, axis)
    return gx, gy, np.column_stack([gx.ravel(), gy.ravel()])


def class_changes(toy: Toy2D, W: np.ndarray, b: np.ndarray, steps: int = 401) -> dict[str, float | int]:
    """How much of the classification changes when the layer (W, b) replaces the trained one.

    ``plane``: the share of the window's area whose argmax class differs; ``points``: how many
    of the toy data's points change class; ``total``: how many points there are.
    """
    _, _, grid = window_grid(steps)
    before = np.argmax(maths.linear(grid, toy.W, toy.b), axis=1)
    after = np.argmax(maths.linear(grid, W, b), axis=1)
    moved = np.argmax(maths.linear(toy.X, W, b), axis=1) != np.argmax(maths.linear(toy.X, toy.W, toy.b), axis=1)
    return {"plane": float(np.mean(before != after)), "points": int(moved.sum()), "total": len(toy.y)}
