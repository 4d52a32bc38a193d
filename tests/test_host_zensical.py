"""Zensical over `okrsite pages`, set up by following docs/platforms.md ("Moving to Zensical") to the
letter: its `sh run` blocks run in a scratch copy of the sample (and of examples/lumen-foundation),
its `zensical.yml` edit blocks are applied, its install line must pin what the `hosts` extra pins.
The built portals are held to the same golden assertions as MkDocs's and ProperDocs's builds
(tests/host_golden.py), so the doc cannot drift from what works."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import ROOT
from .host_golden import (
    CONTENT_EN,
    CONTENT_JA,
    INDEX_PAGES,
    TODAY_JA,
    GoldenAssertions,
    HostSite,
    built_pages,
    scratch_lumen,
    zensical_search,
)
from .test_host_pages import host_command, scratch_sample

DOC = ROOT / "docs" / "platforms.md"
FENCE = re.compile(r"^( *)```(\w+)([^\n]*)\n(.*?)^\1```", re.M | re.S)
STEPS = ("install", "run", "set", "prefix-nav", "remove")


def migration_steps(doc: str) -> list[tuple[list[str], str]]:
    """The fenced blocks of "Moving to Zensical": (their words after the language, their text)."""
    section = doc.split("## Moving to Zensical", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    steps = [(info.split(), textwrap.dedent(body)) for _indent, _lang, info, body in FENCE.findall(section)]
    assert steps and all(words and words[0] in STEPS for words, _ in steps), [w for w, _ in steps]
    return steps


def _section(lines: list[str], key: str, indent: int) -> tuple[int, int] | None:
    """Where `key:` at this indent starts and ends (the next line as little indented that is not a comment)."""
    start = next((i for i, line in enumerate(lines) if re.match(rf"^ {{{indent}}}{re.escape(key)}:", line)), None)
    if start is None:
        return None
    end = next((j for j in range(start + 1, len(lines)) if re.match(rf"^ {{0,{indent}}}[^\s#]", lines[j])), len(lines))
    return start, end


def _keys(block: list[str], indent: int) -> list[tuple[str, list[str]]]:
    """The block's keys at this indent, each with its lines."""
    out: list[tuple[str, list[str]]] = []
    for line in block:
        key = re.match(rf"^ {{{indent}}}([\w-]+):", line)
        if key:
            out.append((key.group(1), [line]))
        elif out and (line.startswith(" " * (indent + 1)) or not line.strip()):
            out[-1][1].append(line)
    return out


def set_keys(text: str, block: str) -> str:
    """docs/platforms.md's rule: a top-level key replaces its namesake or is added at the end; a key
    under `theme:` replaces or is added to the theme's."""
    lines = text.splitlines()
    for key, new in _keys(block.splitlines(), 0):
        if key == "theme":
            theme = _section(lines, "theme", 0)
            assert theme is not None, "no theme: section"
            sub = lines[theme[0]:theme[1]]
            for subkey, subnew in _keys(new[1:], 2):
                where = _section(sub, subkey, 2)
                sub = sub[:where[0]] + subnew + sub[where[1]:] if where else sub[:1] + subnew + sub[1:]
            lines = lines[:theme[0]] + sub + lines[theme[1]:]
            continue
        where = _section(lines, key, 0)
        lines = lines[:where[0]] + new + lines[where[1]:] if where else lines + new
    return "\n".join(lines) + "\n"


def prefix_nav(text: str, prefix: str, pages: str) -> str:
    lines = text.splitlines()
    nav = _section(lines, "nav", 0)
    assert nav is not None, "no nav: section"
    for i in range(*nav):
        for name in pages.split():
            lines[i] = re.sub(rf"^(\s*-\s+(?:[^:]+:\s*)?){re.escape(name)}(\s*(?:#.*)?)$", rf"\g<1>{prefix}{name}\g<2>",
                              lines[i])
    return "\n".join(lines) + "\n"


def remove_lines(text: str, block: str) -> str:
    gone = {line.strip() for line in block.splitlines() if line.strip()}
    return "".join(line for line in text.splitlines(keepends=True) if line.strip() not in gone)


def _edit(path: Path, change, *args: str) -> None:
    path.write_text(change(path.read_text(encoding="utf-8"), *args), encoding="utf-8")


def follow_the_doc(repo: Path) -> None:
    """Run docs/platforms.md's Zensical steps in `repo`, in the order written."""
    zensical = host_command("zensical")
    env = {**os.environ, "OKRSITE_TODAY": TODAY_JA,
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), str(Path(zensical).parent), os.environ["PATH"]])}
    for words, body in migration_steps(DOC.read_text(encoding="utf-8")):
        kind, args = words[0], words[1:]
        if kind == "install":
            assert_pins_match_the_hosts_extra(body)
        elif kind == "run":
            run = subprocess.run(["bash", "-euo", "pipefail", "-c", body], cwd=repo, env=env, capture_output=True,
                                 text=True, timeout=900)
            assert run.returncode == 0, f"{body}\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}"
        elif kind == "set":
            _edit(repo / args[0], set_keys, body)
        elif kind == "prefix-nav":
            _edit(repo / args[1], prefix_nav, args[0], body)
        else:
            _edit(repo / args[0], remove_lines, body)


def assert_pins_match_the_hosts_extra(install: str) -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pins = re.findall(r"\b([\w-]+==[\w.]+)", install)
    assert pins and all(f'"{pin}"' in pyproject for pin in pins), (pins, "pyproject's hosts extra")


def _migrated(repo: Path, content: Path, lang: str) -> HostSite:
    follow_the_doc(repo)
    return HostSite(repo / "site", repo / "site" / "_okrsite", zensical_search(repo / "site"), content, lang)


@pytest.fixture(scope="module")
def golden_ja(tmp_path_factory) -> HostSite:
    return _migrated(scratch_sample(tmp_path_factory.mktemp("zensical-ja") / "repo"), CONTENT_JA, "ja")


@pytest.fixture(scope="module")
def golden_en(tmp_path_factory) -> HostSite:
    return _migrated(scratch_lumen(tmp_path_factory.mktemp("zensical-en") / "repo"), CONTENT_EN, "en")


class TestGoldenOnZensical(GoldenAssertions):
    """The golden assertions against Zensical's output of the migrated samples."""


def test_the_migrated_sample_shows_every_kind_of_page(golden_ja):
    """Issue 12's check of the migration: dashboard, cascade, objective, retrospective and embed pages."""
    pages = built_pages(golden_ja.pages)
    assert "" in pages and "periods/2026-Q4/cascade" in pages and "okrs/2026-Q4/product/self-serve" in pages
    assert "retros/2026-Q3/product" in pages and (golden_ja.pages / "charts/okrs/2026-Q3/product/activation.html").is_file()


def test_the_nav_leads_to_the_dashboard_and_the_hand_written_pages_stay(golden_ja):
    from .sitebuild import page

    nav = [a["href"] for a in page(golden_ja.root, "").select("nav.md-nav--primary a.md-nav__link[href]")]
    assert any(h.rstrip("/").endswith("_okrsite/periods") for h in nav), nav
    assert (golden_ja.root / "guide" / "how-we-run-okrs" / "index.html").is_file()


def test_search_skips_the_index_pages_as_under_mkdocs(golden_ja):
    # `search: exclude: true` in a generated index page's front matter keeps it out, as under MkDocs
    assert not [loc for loc, _ in golden_ja.search if loc.startswith(("_okrsite/people/", "_okrsite/periods/"))]


def test_the_doc_edits_do_what_it_says():
    """The rules follow_the_doc applies, on a small mkdocs.yml (so a wrong rule fails here, not as a
    puzzling build error)."""
    text = "site_name: x\ntheme:\n  name: material\n  font: false  # no\n  features:\n    - a\n" \
           "    - content.action.edit\nnav:\n  - Home: index.md\n  - guide/x.md\n  - wins.md\nextra_css: [a.css]\n"
    text = set_keys(text, "theme:\n  variant: classic\n  font: false\nextra_css: [b.css]\nnot_in_nav: |\n  /x/\n")
    text = remove_lines(prefix_nav(text, "_o/", "index.md wins.md"), "- content.action.edit\n")
    assert text == ("site_name: x\ntheme:\n  variant: classic\n  name: material\n  font: false\n  features:\n"
                    "    - a\nnav:\n  - Home: _o/index.md\n  - guide/x.md\n  - _o/wins.md\nextra_css: [b.css]\n"
                    "not_in_nav: |\n  /x/\n")


def test_the_themes_main_html_override_runs_under_minijinja(golden_ja):
    """theme/main.html (`extends "base.html"`, `super()`, the `url` filter) adds the company's stylesheet
    on okrsite's pages too: Zensical renders the theme's overrides with MiniJinja (docs/platforms.md)."""
    from .sitebuild import page

    here = golden_ja.pages / "okrs/2026-Q4/product/self-serve"
    css = [link["href"] for link in page(golden_ja.pages, "okrs/2026-Q4/product/self-serve").select("link[href]")
           if link["href"].endswith("assets/company.css")]
    assert css and (here / css[0]).resolve() == (golden_ja.root / "assets" / "company.css").resolve()


def test_not_in_nav_keeps_the_detail_pages_out_of_the_sidebar(golden_ja):
    from .sitebuild import page

    nav = page(golden_ja.pages, "okrs/2026-Q4/product/self-serve").select("nav.md-nav--primary a.md-nav__link[href]")
    # the index pages okrsite makes (the KPI page with them: the sample has KPIs) and the guide
    assert len(nav) == len(INDEX_PAGES) + 2, [a["href"] for a in nav]
