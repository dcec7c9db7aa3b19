"""The package's layers: each stage imports only the stages below it, counting imports inside
functions and those for type checking alone, and no module imports itself round a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import audio

PACKAGE = Path(audio.__file__).parent

LAYERS = (
    ("errors", "crashpoints", "fingerprints"),
    ("settings", "files", "inputs"),
    ("cache",),
    ("text",),
    ("web",),
    ("voice",),
    ("mastering",),
    ("edition",),
    ("publish",),
    ("builds",),
    ("hosting",),
    ("cli", "__main__"),
)
"""From the ground up: a part may import its own modules and those of the layers below it."""
LEVEL = {part: level for level, parts in enumerate(LAYERS) for part in parts}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path) for path in PACKAGE.rglob("*.py")}


def imported(path: Path) -> set[str]:
    """Every module of the package `path` imports, wherever the import stands: for `from A
    import b`, the module A.b where there is one, else A."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                names.add(submodule if submodule in MODULES else node.module)
    return {name for name in names if name in MODULES and name != "audio"} - {module_name(path)}


def part(module: str) -> str:
    return module.split(".")[1]


def graph() -> dict[str, set[str]]:
    return {module_name(path): imported(path) for path in PACKAGE.rglob("*.py")}


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {part(name) for name in graph() if name != "audio"}
    assert parts == set(LEVEL), f"give {sorted(parts - set(LEVEL))} a layer"


def test_no_stage_reaches_up() -> None:
    upward = [
        f"{module} -> {name}"
        for module, names in graph().items()
        if module != "audio"
        for name in names
        if LEVEL[part(name)] > LEVEL[part(module)]
    ]
    assert not upward, "imports from a higher layer:\n" + "\n".join(sorted(upward))


def test_no_import_cycle() -> None:
    edges = graph()
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        for name in sorted(edges.get(module, ())):
            if (cycle := visit(name, [*path, module])) is not None:
                return cycle
        done.add(module)
        return None

    for module in sorted(edges):
        cycle = visit(module, [])
        assert cycle is None, " -> ".join(cycle)
