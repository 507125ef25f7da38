"""The one on-disk cache layer for work that depends only on its inputs.

``cached_json(kind, inputs, compute, code)`` returns ``compute()``'s JSON-able result,
stored in ``.generated/cache/<kind>/<hash>.json`` under a hash of ``inputs`` and of the
code named in ``code``: the named modules of this package and everything they can reach,
with the libraries they import, as :mod:`lastlayer.deps` works it out. A rebuild with
nothing changed reads a file instead of redoing the work; an edit to that code, or a new
version of a library it imports, invalidates it.

Every cache of the build writes through :func:`atomic_write`, so a reader never sees half
a file and two processes writing the same entry both leave a whole one. The costly entries
(trained models, value groups) are also made under :func:`exclusive`, so that two processes
sharing a cache (a build and a test, or ``serve`` and a figure worker) do the work once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from lastlayer import deps
from lastlayer.project import generated

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; two processes may then both do the work
    fcntl = None


def code_key(modules: tuple[str, ...]) -> str:
    """Hash of the named modules of this package (``"notebooks"`` for lastlayer/notebooks.py),
    of what they can reach and of the libraries they import."""
    if not modules:
        return ""
    return deps.digest(*(deps.module_path(name) for name in sorted(modules)))[:16]


def key_of(*inputs: str | bytes, code: tuple[str, ...] = ()) -> str:
    h = hashlib.sha256(code_key(tuple(code)).encode())
    for item in inputs:
        data = item.encode() if isinstance(item, str) else item
        h.update(len(data).to_bytes(8, "little") + data)
    return h.hexdigest()[:32]


def atomic_write(path: Path, data: str | bytes | Callable[[Path], None]) -> None:
    """Write ``data`` (text, bytes, or a function that writes the file it is given) to
    ``path`` through a temporary file beside it, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp{path.suffix}")
    try:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        elif isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            data(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold a lock on the cache entry ``path`` (a hidden ``.<name>.lock`` beside it): a second
    process that wants the same entry waits here, then finds the first one's file. Look for
    the entry before taking the lock: a build that finds everything touches no lock file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_name(f".{path.name}.lock").open("w") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def cached_json(kind: str, inputs: tuple[str | bytes, ...], compute: Callable[[], Any], code: tuple[str, ...]) -> Any:
    path = generated("cache", kind, key_of(*inputs, code=code) + ".json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    result = compute()
    atomic_write(path, json.dumps(result, ensure_ascii=False))
    return result
