"""Values and tables of the template-matching and geometric views that need more than
:mod:`lastlayer.values` gives: counts that qualify "the best match wins", the roughness of
the deep network's input templates, and the worked numbers at enough digits that the
products and sums the pages show hold on the shown digits.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from lastlayer import fmt, models
from lastlayer.examples import toy2d, worked_example
from lastlayer.registry import group
from lastlayer.values import _class_label, _headers, _markdown, _Values, table_of

#: Digits of the worked numbers whose products the pages show (see :func:`_vfix`).
FINE = 3


def roughness(image: np.ndarray) -> float:
    """δᵀLδ / δᵀδ with L the 8×8 grid's Laplacian: squared differences between neighbouring
    pixels per unit of squared ink; 0 for a constant image, at most 8 for a checkerboard."""
    v = np.asarray(image, dtype=float)
    L = models._grid_laplacian()
    return float(v @ L @ v / (v @ v))


def input_templates() -> np.ndarray:
    """The deep network's input templates of digits_mlp_templates: one change δ to the mean digit per class."""
    net, data = models.digits_mlp(), models.digits()
    mean = data.X_train.mean(axis=0)
    return np.array([models.smooth_input_template(net, j, mean) for j in range(net.W.shape[1])])


def unpenalised_input_templates() -> np.ndarray:
    """The same search without the roughness penalty (the size penalty and the [0, 1] range kept)."""
    net, data = models.digits_mlp(), models.digits()
    mean = data.X_train.mean(axis=0)
    out = []
    for j in range(net.W.shape[1]):
        delta = np.zeros_like(mean)
        for _ in range(600):  # the steps and step size of models.smooth_input_template
            h = np.tanh((mean + delta) @ net.V + net.c)
            grad = net.V @ ((1 - h**2) * net.W[:, j]) - models.TEMPLATE_L2 * delta
            delta = np.clip(delta + 0.05 * grad, -mean, 1.0 - mean)
        out.append(delta)
    return np.array(out)


def match_losses() -> dict[str, int]:
    """On the held-out digits: how often the class with the best match is not the class with
    the highest score (the bias tips it). ``dot``: x·wⱼ of the linear model; ``cos``: its
    cosine; ``mlp``: h·wⱼ of the network's last layer."""
    data, linear, net = models.digits(), models.digits_model(), models.digits_mlp()
    X = data.X_test
    dots = X @ linear.W
    cosines = dots / (np.linalg.norm(X, axis=1, keepdims=True) * np.linalg.norm(linear.W, axis=0))
    winner = linear.predict(X)
    net_dots = net.features(X) @ net.W
    return {
        "dot": int(np.sum(dots.argmax(axis=1) != winner)),
        "cos": int(np.sum(cosines.argmax(axis=1) != winner)),
        "mlp": int(np.sum(net_dots.argmax(axis=1) != net.predict(X))),
        "n": len(X),
    }


def _rounded_again(text: str) -> str:
    """A shown number rounded to one decimal fewer, as a reader would: halves away from zero."""
    value = Decimal(text.replace(fmt.MINUS, "-"))
    places = Decimal(1).scaleb(value.as_tuple().exponent + 1)
    return fmt.num(float(value.quantize(places, rounding=ROUND_HALF_UP)), -value.as_tuple().exponent - 1)


@group("vfix")
def _vfix() -> dict[str, str]:
    out: dict[str, str] = {}
    # templates: "the highest score wins; usually the best match, but the bias can tip it"
    losses = match_losses()
    out |= {f"vfix.match.{key}": str(value) for key, value in losses.items()}
    # templates: the network's input templates are smoother than the linear ones (the search's penalty)
    smooth = input_templates()
    linear = models.digits_model().W.T
    rough_mlp = np.array([roughness(d) for d in smooth])
    rough_linear = np.array([roughness(w) for w in linear])
    rough_free = np.array([roughness(d) for d in unpenalised_input_templates()])
    out |= {
        "vfix.rough.mlp": fmt.num(rough_mlp.mean()),
        "vfix.rough.linear": fmt.num(rough_linear.mean()),
        "vfix.rough.unpenalised": fmt.num(rough_free.mean()),
        "vfix.rough.smoother": str(int(np.sum(rough_mlp < rough_linear))),
        # Without the penalty the changes are rougher on average, but not for every digit.
        "vfix.rough.rougher": str(int(np.sum(rough_free > rough_linear))),
        "vfix.rough.classes": str(len(rough_mlp)),
        "vfix.smoothness": f"{models.TEMPLATE_SMOOTHNESS:g}",
        "vfix.range.mlp": fmt.num(np.abs(smooth).max()),
        "vfix.range.linear": fmt.num(np.abs(linear).max()),
    }
    # templates: the similarity table at digits that let ‖wⱼ‖‖x‖cos θⱼ give the dot product as shown
    ex = worked_example()
    norms = np.linalg.norm(ex.W, axis=0)
    dots = ex.x @ ex.W
    x_norm = np.linalg.norm(ex.x)
    out["vfix.x_norm"] = fmt.num(x_norm, FINE)
    for j in range(ex.W.shape[1]):
        out[f"vfix.dot.{j}"] = fmt.num(dots[j])
        out[f"vfix.wnorm.{j}"] = fmt.num(norms[j], FINE)
        out[f"vfix.cos.{j}"] = fmt.num(dots[j] / (norms[j] * x_norm), FINE)
    # geometry: distances, norms and scores at three digits, so that ‖wⱼ‖·dⱼ = zⱼ holds as shown
    toy = toy2d()
    for j in range(toy.W.shape[1]):
        out[f"vfix.d.{j}"] = fmt.num(toy.distances[j], FINE)
        out[f"vfix.norm.{j}"] = fmt.num(toy.norms[j], FINE)
        out[f"vfix.z.{j}"] = fmt.num(toy.z[j], FINE)
    # The figure shows the distances to two decimals, the table to three, both rounded from the full
    # value: the class where rounding the table's number again would not give the figure's.
    twice = [
        j for j in range(toy.W.shape[1]) if _rounded_again(fmt.num(toy.distances[j], FINE)) != fmt.num(toy.distances[j])
    ]
    if not twice:
        raise ValueError(
            "every distance rounds the same from the table as from the full value: the geometry page's note is moot"
        )
    j = twice[0]
    out["vfix.twice.class"] = str(j + 1)
    out["vfix.twice.figure"] = fmt.num(toy.distances[j])
    out["vfix.twice.table"] = fmt.num(toy.distances[j], FINE)
    out["vfix.twice.full"] = fmt.num(toy.distances[j], FINE + 1)
    out["vfix.boundary.w"] = fmt.vector(toy.W[:, 0] - toy.W[:, 1], FINE)
    out["vfix.boundary.b"] = fmt.num(toy.b[0] - toy.b[1], FINE)
    out["vfix.boundary.value"] = fmt.num(toy.z[0] - toy.z[1], FINE)
    return out


@table_of("vfix.similarity")
def _similarity(lang: str) -> str:
    """worked.similarity with lengths and cosines at three digits: their product gives the dot product as shown."""
    v = _Values(lang)
    k = worked_example().W.shape[1]
    rows = [[_class_label(j, lang), v[f"vfix.dot.{j}"], v[f"vfix.wnorm.{j}"], v[f"vfix.cos.{j}"]] for j in range(k)]
    return _markdown(_headers("worked.similarity", lang), rows)


@table_of("vfix.distances")
def _distances(lang: str) -> str:
    """toy.distances at three digits, so that the product of the shown factors rounds to the shown product."""
    v = _Values(lang)
    toy = toy2d()
    rows = [
        [
            _class_label(j, lang),
            v[f"vfix.norm.{j}"],
            v[f"vfix.d.{j}"],
            fmt.num(toy.norms[j] * toy.distances[j], FINE),
            v[f"vfix.z.{j}"],
        ]
        for j in range(toy.W.shape[1])
    ]
    return _markdown(_headers("toy.distances", lang), rows)
