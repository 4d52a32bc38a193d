"""A tiny organization whose contributors write markup everywhere (titles, names, wins, learnings,
bodies, retrospectives): what the escaping tests build. Nothing of it may become markup.
One key result sits on a rounding tie (62.5%, score 0.625, confidence 0.65) for the number tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .orgs import write
from .sitebuild import build_site

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
MARKUP = (SCRIPT, IMG)
UNIT_NAME = "Product <i>team</i>"
OBJECTIVE = f"Objective {SCRIPT}"
KR_TITLE = f"Signups {IMG}"
WINS = [f"Win {SCRIPT}", f"Win {IMG}", "Win with a bell\x07 in it"]
WINS_SHOWN = [f"Win {SCRIPT}", f"Win {IMG}", "Win with a bell in it"]  # characters XML forbids are dropped
LEARNINGS = [f"Learned {SCRIPT}", f"Learned {IMG}"]
WENT_WELL = [f"Went well {SCRIPT}", f"Went well {IMG}"]


def _quoted(items: list[str]) -> str:
    """YAML double-quoted items (\\x07 written as an escape, as YAML requires)."""
    return "".join("  - " + json.dumps(item) + "\n" for item in items)


PERIOD_LABEL = "Q4 <u>run</u>"
FILES = {
    "okrsite.yml": ("periods:\n  scheme: custom\n  custom:\n    - {id: 2026-Q4, start: 2026-10-01, end: 2026-12-31, "
                    f"label: '{PERIOD_LABEL}'}}\n"),
    "units/product.md": f"---\nname: '{UNIT_NAME}'\nkind: team\nparent: acme\n---\nMission {SCRIPT}\n",
    "units/pm.md": "---\nname: PM\nkind: person\nparent: product\n---\n",
    "okrs/2026-Q4/product/o.md": (
        f"---\ntitle: '{OBJECTIVE}'\nowner: pm\ntype: aspirational\nkey_results:\n"
        f"  - id: signups\n    title: '{KR_TITLE}'\n    baseline: 0\n    target: 100\n"
        "  - id: ties\n    title: On a rounding tie\n    baseline: 0\n    target: 1000\n---\n"
        f"Body {SCRIPT} <a href=\"javascript:alert(3)\" onclick=\"alert(4)\">link</a>\n"),
    "logs/2026-Q4/product/2026-11-20.md": (
        "---\ndate: 2026-11-20\nauthor: pm\nupdates:\n  signups: {value: 40, confidence: 0.6}\n  ties: {value: 625, confidence: 0.65}\n"
        f"wins:\n{_quoted(WINS)}---\n## Learnings\n" + "".join(f"- {item}\n" for item in LEARNINGS)
        + f"\nText {IMG}, <b onclick=\"alert(5)\">bold</b> and **strong**{{: onmouseover=\"alert(6)\" }}\n"),
    "retros/2026-Q4/product.md": (
        f"---\nstatus: published\nwent_well:\n{_quoted(WENT_WELL)}learnings:\n{_quoted(LEARNINGS)}---\n"
        f"Retro {SCRIPT}\n"),
}

MKDOCS = """site_name: Hostile
site_url: https://okr.example/
docs_dir: content
theme: {name: material, language: ja, font: false}
plugins:
  - okrsite:
      charts: {cache_dir: %s}
markdown_extensions: [attr_list, md_in_html, tables, admonition]
"""


def project(root: Path, cache_dir: Path) -> Path:
    """The content and a mkdocs.yml under `root`; returns the mkdocs.yml."""
    write(root / "content", FILES)
    (root / "content" / "index.md").write_text("# Hostile\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(MKDOCS % cache_dir, encoding="utf-8")
    return config


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile organization's built site (shared by the escaping and the feed tests)."""
    root = tmp_path_factory.mktemp("hostile")
    cache = Path(__file__).resolve().parent.parent / ".cache" / "okrsite"
    return build_site(project(root, cache), root / "site")
