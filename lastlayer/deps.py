"""What a derived artefact depends on, worked out from the code instead of listed by hand.

Every cache of the build (figures, values, models, notebooks' helpers, widget data, page
math, converted text, search entries) keys its results by :func:`digest`: a hash of the
project files a piece of code can reach and of the installed libraries it imports.

Reach is read from the source with :mod:`ast`, not by importing anything:

- ``import lastlayer.x``, ``from lastlayer import x``, ``from lastlayer.x import y`` and
  relative imports, wherever they are (inside functions too);
- modules named in a string, as ``importlib.import_module("lastlayer.x")`` would load them;
- data files of the package named in a string (``"hant_phrases.tsv"``);
- the third-party modules imported, mapped to their installed distributions, and those
  distributions' own requirements, with their versions.

The result is a superset of what one run imports (an import inside a function that a run
never calls still counts): a cache may be invalidated once too often, never kept stale.
``tests/test_deps.py`` checks that it covers what importing each figure script really loads.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import re
import sys
from pathlib import Path

#: The project's package, whose modules and data files are tracked.
PACKAGE = "lastlayer"
PACKAGE_DIR = Path(__file__).resolve().parent
_MODULE_NAME = re.compile(rf"^{PACKAGE}\.(\w+)$")
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def references(path: Path) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What one file refers to: (package modules, package data files, third-party modules)."""
    stat = path.stat()  # re-read after an edit (a long-lived `mkdocs serve` process)
    return _references(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _references(path: Path, _mtime_ns: int, _size: int) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    package_dir = _package_dir_of(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules: set[str] = set()
    data: set[str] = set()
    external: set[str] = set()

    def module(name: str) -> None:
        if (package_dir / f"{name}.py").is_file():
            modules.add(name)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == PACKAGE:
                    if len(parts) > 1:
                        module(parts[1])
                else:
                    external.add(parts[0])
        elif isinstance(node, ast.ImportFrom):
            parts = (node.module or "").split(".")
            inside = node.level > 0 and path.parent == package_dir
            if parts[0] == PACKAGE or inside:
                rest = parts[1:] if parts[0] == PACKAGE else [p for p in parts if p]
                if rest:
                    module(rest[0])
                else:
                    for alias in node.names:
                        module(alias.name)
            elif node.level == 0 and parts[0]:
                external.add(parts[0])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            named = _MODULE_NAME.match(node.value)
            if named:
                module(named[1])
            elif re.fullmatch(r"[\w-]+\.\w+", node.value) and not node.value.endswith(".py"):
                candidate = package_dir / node.value
                if candidate.is_file():
                    data.add(node.value)
    external -= set(sys.stdlib_module_names) | {PACKAGE, "__future__"}
    return frozenset(modules), frozenset(data), frozenset(external)


def _package_dir_of(path: Path) -> Path:
    """The package a file belongs to: its own folder for a module of a (copied) package,
    else the installed one (a figure script, a hook, a test)."""
    return path.parent if (path.parent / "__init__.py").is_file() and path.parent.name == PACKAGE else PACKAGE_DIR


def closure(*paths: Path, package_dir: Path = PACKAGE_DIR) -> tuple[tuple[Path, ...], frozenset[str]]:
    """Every project file the given files can reach (themselves included), and every
    third-party module any of them imports."""
    seen: dict[Path, None] = {}
    external: set[str] = set()
    todo = [Path(p).resolve() for p in paths]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen[path] = None
        if path.suffix != ".py":
            continue
        modules, data, ext = references(path)
        external |= ext
        base = path.parent if path.parent.resolve() == package_dir.resolve() else package_dir
        todo += [base / f"{m}.py" for m in modules] + [base / d for d in data]
    return tuple(sorted(seen)), frozenset(external)


@functools.cache
def _distributions_of_modules() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@functools.cache
def _with_requirements(dist: str) -> frozenset[str]:
    """A distribution and, transitively, the installed distributions it requires."""
    out: set[str] = set()
    todo = [dist]
    while todo:
        name = _canonical(todo.pop())
        if name in out:
            continue
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        out.add(name)
        for requirement in requires:
            if "extra ==" in requirement:
                continue
            match = _REQUIREMENT_NAME.match(requirement)
            if match:
                todo.append(match[1])
    return frozenset(out)


@functools.cache
def libraries(modules: frozenset[str]) -> dict[str, str]:
    """Installed distributions (with what they require) behind top-level module names, with versions."""
    dists: set[str] = set()
    mapping = _distributions_of_modules()
    for name in modules:
        for dist in mapping.get(name, ()):
            dists |= _with_requirements(dist)
    return {name: importlib.metadata.version(name) for name in sorted(dists)}


def distributions(modules: frozenset[str]) -> dict[str, str]:
    """The installed distributions that provide the top-level modules ``modules``, with
    versions (without what they require in turn)."""
    mapping = _distributions_of_modules()
    found = {dist for name in modules for dist in mapping.get(name, ())}
    return {name: importlib.metadata.version(name) for name in sorted(found)}


def digest(*paths: Path, package_dir: Path = PACKAGE_DIR, extra: str = "") -> str:
    """Hash of the project files ``paths`` reach and of the libraries they import."""
    files, external = closure(*(Path(p).resolve() for p in paths), package_dir=package_dir)
    h = hashlib.sha256(extra.encode())
    # In an order that does not depend on where the project or the package lives: sorted by
    # full path, a figure script in /tmp/x/figures comes after a package in /check/lastlayer
    # but before one in /tmp/y/lastlayer, and the same inputs would hash differently.
    for name, data in sorted((file.name, file.read_bytes()) for file in files):
        h.update(f"{name}\0{len(data)}\0".encode() + data)
    for name, version in libraries(external).items():
        h.update(f"{name}=={version}\n".encode())
    return h.hexdigest()


def module_path(name: str, package_dir: Path = PACKAGE_DIR) -> Path:
    """``"notebooks"`` → the file of ``lastlayer.notebooks``."""
    return package_dir / f"{name}.py"


def import_graph(package_dir: Path = PACKAGE_DIR) -> dict[str, set[str]]:
    """Module → the package modules it refers to (any import, at any depth, or by name)."""
    return {p.stem: set(references(p)[0]) for p in sorted(package_dir.glob("*.py"))}


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import loops of a graph: each group of modules that reach one another (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found
