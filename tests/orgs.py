"""Small organizations written to a temporary directory, for tests that need content."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from okrsite.resolve.pipeline import load_organization

UNITS = {
    "units/acme.md": "---\nname: ACME\nkind: company\n---\nMission.\n",
    "units/product.md": "---\nname: Product\nkind: team\nparent: acme\n---\n",
}


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in {**UNITS, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def org_from(root: Path, files: dict[str, str], today: dt.date = dt.date(2026, 11, 24), settings=None):
    return load_organization(write(root, files), today, settings)


def objective(krs: str, *, type_: str = "aspirational", slug: str = "o", period: str = "2026-Q4") -> dict[str, str]:
    return {f"okrs/{period}/product/{slug}.md": f"---\ntitle: Objective\nowner: pm\ntype: {type_}\nkey_results:\n{krs}---\n"}


def log(day: str, updates: str, period: str = "2026-Q4") -> dict[str, str]:
    return {f"logs/{period}/product/{day}.md": f"---\ndate: {day}\nauthor: pm\nupdates:\n{updates}---\n"}
