"""The code that draws a figure: its script, and the project code the script calls.

A figure's page (hooks/figure_pages.py) shows the script and, below it, every definition
of the ``lastlayer`` package the script uses, and what those use in turn, so that a reader
needs nothing else to read how the figure is drawn. The definitions are found in the source
with :mod:`ast` (nothing is imported): a name the script imports from the package, an
attribute of a package module it imports (``style.save``), and inside each definition found
the names of its own module and of the package modules that module imports.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

from lastlayer.deps import PACKAGE, PACKAGE_DIR

#: Modules whose definitions are shown but not followed: the figure pipeline (what runs a
#: script from the command line and saves its files) and the language tables.
LEAVES = frozenset({"figures", "languages"})
#: Plumbing a reader of a figure does not need: disk caches, dependency hashing, the
#: Traditional Chinese conversion, project paths. Not shown.
PLUMBING = frozenset({"cache", "deps", "hant", "project"})
#: Shown for every figure: what sets its fonts, sizes and colours and writes its file (the
#: pipeline calls them around ``draw``).
ALWAYS = (("style", "themed"), ("style", "save"))


@dataclass(frozen=True)
class Definition:
    module: str  #: the module's name inside the package (``style``)
    name: str
    source: str  #: the definition's lines, as in the module
    line: int  #: its first line in the module

    @property
    def qualname(self) -> str:
        return f"{PACKAGE}.{self.module}.{self.name}"


@dataclass(frozen=True)
class _Module:
    definitions: dict[str, ast.AST]  #: top-level functions, classes and assignments by name
    modules: dict[str, str]  #: local name -> package module (``from lastlayer import style``)
    names: dict[str, tuple[str, str]]  #: local name -> (package module, name) imported from it
    text: str


def _bindings(tree: ast.Module) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    modules: dict[str, str] = {}
    names: dict[str, tuple[str, str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == PACKAGE and not node.level:
            for alias in node.names:
                modules[alias.asname or alias.name] = alias.name
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith(f"{PACKAGE}.")
            and not node.level
        ):
            for alias in node.names:
                names[alias.asname or alias.name] = (node.module.split(".", 1)[1], alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == PACKAGE and len(parts) == 2 and alias.asname:
                    modules[alias.asname] = parts[1]
    return modules, names


def _parse(path: Path) -> tuple[ast.Module, str]:
    text = path.read_text(encoding="utf-8")
    return ast.parse(text, filename=str(path)), text


@functools.cache
def _module(name: str, package_dir: Path = PACKAGE_DIR) -> _Module | None:
    path = package_dir / f"{name}.py"
    if not path.is_file():
        return None
    tree, text = _parse(path)
    definitions: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            definitions[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    definitions[target.id] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            definitions[node.target.id] = node
    modules, names = _bindings(tree)
    return _Module(definitions, modules, names, text)


def _uses(node: ast.AST, modules: dict[str, str], names: dict[str, tuple[str, str]], own: str | None, local: set[str]):
    """(module, name) pairs a piece of code refers to."""
    found: list[tuple[str, str]] = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id in modules:
            found.append((modules[sub.value.id], sub.attr))
        elif isinstance(sub, ast.Name):
            if sub.id in names:
                found.append(names[sub.id])
            elif own is not None and sub.id in local:
                found.append((own, sub.id))
    return found


def _with_comments_above(text: str, node: ast.AST) -> tuple[str, int]:
    """A definition's lines, with its decorators and the comment lines just above it."""
    lines = text.splitlines()
    first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))]) - 1
    while first > 0 and lines[first - 1].lstrip().startswith("#"):
        first -= 1
    return "\n".join(lines[first : node.end_lineno]), first + 1


def shared_code(script: Path, package_dir: Path = PACKAGE_DIR) -> list[Definition]:
    """Every package definition the figure script reaches, in the order it is first met."""
    tree, _ = _parse(script)
    modules, names = _bindings(tree)
    queue = _uses(tree, modules, names, None, set()) + list(ALWAYS)
    seen: set[tuple[str, str]] = set()
    found: list[Definition] = []
    while queue:
        module_name, name = queue.pop(0)
        if (module_name, name) in seen:
            continue
        seen.add((module_name, name))
        module = None if module_name in PLUMBING else _module(module_name, package_dir)
        if module is None or name not in module.definitions:
            continue  # a submodule used as an attribute, or a name the module imports itself
        node = module.definitions[name]
        source, line = _with_comments_above(module.text, node)
        found.append(Definition(module_name, name, source, line))
        if module_name in LEAVES:
            continue
        local = set(module.definitions) - {name}
        queue.extend(_uses(node, module.modules, module.names, module_name, local))
    return found
