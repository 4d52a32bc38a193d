"""The pipeline's layers, as imports: the model knows nothing of the parser, and charts and
exports are drawn from scoring results and the model, never from the site."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "okrsite"


def _imports(folder: str) -> dict[str, set[str]]:
    """module file -> the okrsite modules it imports (relative imports resolved)."""
    out: dict[str, set[str]] = {}
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        parts = ["okrsite", *path.relative_to(PACKAGE).with_suffix("").parts]
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = parts[: len(parts) - node.level] if node.level else []
                names.add(".".join(base + ([node.module] if node.module else [])))
            elif isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
        out[path.name] = {n for n in names if n.startswith("okrsite")}
    return out


@pytest.mark.parametrize("folder, forbidden", [
    ("model", ("okrsite.source", "okrsite.resolve", "okrsite.scoring", "okrsite.site", "okrsite.charts")),
    ("charts", ("okrsite.site", "okrsite.hosts", "okrsite.source")),
    ("export", ("okrsite.site", "okrsite.hosts", "okrsite.charts")),
])
def test_a_layer_imports_nothing_above_it(folder: str, forbidden: tuple[str, ...]) -> None:
    imports = _imports(folder)
    assert imports, folder
    bad = {f: sorted(n for n in names if n.startswith(forbidden)) for f, names in imports.items()}
    assert not {f: n for f, n in bad.items() if n}, bad


def test_the_check_resolves_in_steps_of_their_own() -> None:
    """The resolver is a pipeline of modules, not one class: pipeline.py calls each step."""
    imports = _imports("resolve")["pipeline.py"]
    steps = {"okrsite.resolve.units", "okrsite.resolve.objectives", "okrsite.resolve.references",
             "okrsite.resolve.history", "okrsite.resolve.lints"}
    assert steps <= imports
    assert not (PACKAGE / "resolve" / "resolver.py").exists()
