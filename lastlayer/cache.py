"""A small on-disk cache for work that depends only on its inputs.

``cached_json(kind, inputs, compute, code)`` returns ``compute()``'s JSON-able result,
stored in ``.generated/cache/<kind>/<hash>.json`` under a hash of ``inputs`` and of the
modules named in ``code`` (the ones that produce the result), so a rebuild with nothing
changed reads a file instead of redoing the work, and an edit to that code invalidates it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lastlayer.project import generated


@functools.cache
def code_key(modules: tuple[str, ...]) -> str:
    """Hash of the named modules of this package (``"notebooks"`` for lastlayer/notebooks.py)."""
    h = hashlib.sha256()
    for name in sorted(modules):
        path = Path(__file__).resolve().parent / f"{name}.py"
        h.update(name.encode() + path.read_bytes())
    return h.hexdigest()[:16]


def key_of(*inputs: str | bytes, code: tuple[str, ...] = ()) -> str:
    h = hashlib.sha256(code_key(tuple(code)).encode())
    for item in inputs:
        data = item.encode() if isinstance(item, str) else item
        h.update(len(data).to_bytes(8, "little") + data)
    return h.hexdigest()[:32]


def cached_json(kind: str, inputs: tuple[str | bytes, ...], compute: Callable[[], Any], code: tuple[str, ...]) -> Any:
    path = generated("cache", kind, key_of(*inputs, code=code) + ".json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    result = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return result
