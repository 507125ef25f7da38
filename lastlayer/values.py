"""Named numbers that pages quote with ``{% num name %}``, computed from the examples.

Pages never type a number that code computes: they name it here, so prose, figures and
tests read the same value.
"""

from __future__ import annotations

from functools import cache

from lastlayer import fmt
from lastlayer.examples import worked_example


@cache
def table() -> dict[str, str]:
    ex = worked_example()
    out = {
        "worked.n": str(ex.W.shape[0]),
        "worked.k": str(ex.W.shape[1]),
        "worked.z": fmt.vector(ex.z),
        "worked.exp_z": fmt.vector(ex.exp_z),
        "worked.exp_sum": fmt.num(ex.exp_sum),
        "worked.probs": fmt.vector(ex.probs),
        "worked.probs_sum": fmt.num(ex.probs.sum()),
    }
    for j in range(ex.W.shape[1]):
        out[f"worked.z.{j}"] = fmt.num(ex.z[j])
        out[f"worked.exp_z.{j}"] = fmt.num(ex.exp_z[j])
        out[f"worked.probs.{j}"] = fmt.num(ex.probs[j])
        out[f"worked.percent.{j}"] = fmt.num(100 * ex.probs[j], 1)
    for i in range(ex.W.shape[1]):
        for j in range(ex.W.shape[1]):
            if i != j:
                out[f"worked.gap.{i}.{j}"] = fmt.num(ex.z[i] - ex.z[j])
                out[f"worked.ratio.{i}.{j}"] = fmt.num(ex.probs[i] / ex.probs[j])
    return out


def lookup(name: str) -> str:
    try:
        return table()[name]
    except KeyError:
        raise KeyError(f"no computed value named {name!r}; known: {', '.join(sorted(table()))}") from None
