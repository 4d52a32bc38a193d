"""The pipeline's layering (docs/architecture.md), checked on the imports themselves.

Each stage may import only the stages named for it here; only hosts/ (and the CLI) may
import a site generator. A new import that crosses a layer fails this test, so the picture
in docs/architecture.md cannot silently drift from the code.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "okrsite"

ALLOWED: dict[str, set[str]] = {
    "diagnostics": set(),
    "source": {"diagnostics", "model"},  # settings parse the period scheme (model/periods.py has no imports)
    "model": {"diagnostics"},
    "resolve": {"source", "diagnostics", "model", "scoring", "text"},  # lints apply scoring rules; messages format numbers
    "scoring": {"model"},
    "text": {"model", "scoring"},
    "charts": {"model", "scoring", "text"},
    "site": {"model", "scoring", "text", "charts", "diagnostics", "source"},
    "lifecycle": {"source", "diagnostics", "model", "resolve", "scoring", "text"},
    "export": {"model", "scoring", "text", "source"},  # data from scoring results, never from the site or charts
    "review": {"source", "diagnostics", "model", "resolve", "scoring", "text", "site"},  # diff and remind
    "hosts": {"source", "diagnostics", "model", "resolve", "scoring", "text", "charts", "site"},
}
SITE_GENERATORS = ("mkdocs", "material", "properdocs", "zensical")


def _stage(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> list[tuple[int, str]]:
    """Absolute module names imported by a file (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["okrsite", *path.relative_to(PACKAGE).parent.parts]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, module))
            if not node.module:  # `from .. import urls`: the names are modules
                found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if _stage(p) in ALLOWED)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_stage_imports_only_the_stages_above_it(path: Path) -> None:
    stage = _stage(path)
    bad = []
    for line, module in _imports(path):
        parts = module.split(".")
        if parts[0] == "okrsite" and len(parts) > 1 and parts[1] in ALLOWED:
            if parts[1] != stage and parts[1] not in ALLOWED[stage]:
                bad.append(f"line {line}: {module}")
        if parts[0] in SITE_GENERATORS and stage != "hosts":
            bad.append(f"line {line}: {module} (only hosts/ may import a site generator)")
    assert not bad, f"{path.relative_to(PACKAGE)} crosses the pipeline's layers: " + "; ".join(bad)


def test_the_layer_check_sees_relative_imports(tmp_path: Path) -> None:
    """Guard against a checker that finds nothing: the resolver of relative imports itself."""
    sample = PACKAGE / "charts" / "specs.py"
    modules = {m for _, m in _imports(sample)}
    assert any(m.startswith("okrsite.scoring") for m in modules), modules


def test_the_check_resolves_in_steps_of_their_own() -> None:
    """The resolver is a pipeline of modules, not one class: pipeline.py calls each step."""
    imports = {m for _, m in _imports(PACKAGE / "resolve" / "pipeline.py")}
    steps = {"okrsite.resolve.units", "okrsite.resolve.objectives", "okrsite.resolve.references",
             "okrsite.resolve.history", "okrsite.resolve.lints"}
    assert steps <= imports, steps - imports
    assert not (PACKAGE / "resolve" / "resolver.py").exists()
