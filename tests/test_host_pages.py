"""`okrsite pages`: the page folder is written incrementally, holds only okrsite's files, and lies
inside docs_dir. Also the one rule every host test follows: a host that is not installed skips
locally with one line, and fails where OKRSITE_REQUIRE_HOSTS=1 (CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okrsite.hosts.pages.folder import MANIFEST, PagesRefused, write_pages

from .conftest import ROOT
from .sitebuild import CHART_CACHE


def host_command(name: str) -> str:
    """The host's command in this environment, or a skip (a failure when OKRSITE_REQUIRE_HOSTS=1)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        message = f"{name} is not installed (pip install -e '.[hosts]'): its host tests cannot run"
        if os.environ.get("OKRSITE_REQUIRE_HOSTS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return found


def okrsite_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "okrsite", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def scratch_sample(root: Path) -> Path:
    """A copy of the sample repository whose charts come from the shared cache; returns its folder."""
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, root / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - okrsite\n", f"  - okrsite:\n      charts: {{cache_dir: {CHART_CACHE}}}\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def _mtimes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_a_second_run_keeps_unchanged_files_and_removes_only_its_own_stale_ones(tmp_path):
    out = tmp_path / "docs" / "_okrsite"
    write_pages(out, {"index.md": b"home", "okrs/q/u/o.md": b"objective", "charts/a.svg": b"<svg/>"})
    before = _mtimes(out)
    outcome = write_pages(out, {"index.md": b"home", "okrs/q/u/o.md": b"objective, changed"})
    after = _mtimes(out)
    assert after["index.md"] == before["index.md"] and after[MANIFEST] != before[MANIFEST]
    assert (out / "okrs/q/u/o.md").read_bytes() == b"objective, changed"
    assert outcome.written == ["okrs/q/u/o.md"] and outcome.removed == ["charts/a.svg"]
    assert not (out / "charts").exists()  # its emptied folder goes too
    again = write_pages(out, {"index.md": b"home", "okrs/q/u/o.md": b"objective, changed"})
    assert again.written == [] and again.removed == [] and _mtimes(out) == after


def test_a_folder_holding_a_persons_file_is_refused_with_the_list_and_nothing_changes(tmp_path):
    out = tmp_path / "docs" / "_okrsite"
    write_pages(out, {"index.md": b"home"})
    (out / "notes").mkdir()
    (out / "notes" / "mine.md").write_text("a person's page")
    before = _mtimes(out)
    with pytest.raises(PagesRefused) as refused:
        write_pages(out, {"other.md": b"x"})
    assert refused.value.foreign == ["notes/mine.md"] and "notes/mine.md" in str(refused.value)
    assert _mtimes(out) == before and (out / "index.md").exists()


def test_a_folder_okrsite_never_wrote_is_refused(tmp_path):
    out = tmp_path / "docs" / "existing"
    out.mkdir(parents=True)
    (out / "page.md").write_text("hand-written")
    with pytest.raises(PagesRefused) as refused:
        write_pages(out, {"page.md": b"generated"})
    assert refused.value.foreign == ["page.md"] and (out / "page.md").read_text() == "hand-written"


def test_a_manifest_naming_a_path_outside_the_folder_deletes_nothing_there(tmp_path):
    out = tmp_path / "docs" / "_okrsite"
    write_pages(out, {"index.md": b"home"})
    victim = tmp_path / "docs" / "index.md"
    victim.write_text("the home page")
    manifest = out / MANIFEST
    manifest.write_text(manifest.read_text() + "../index.md\n")
    write_pages(out, {"index.md": b"home"})
    assert victim.read_text() == "the home page"


def test_the_command_writes_the_portal_incrementally_and_refuses_outside_docs_dir(tmp_path):
    repo = scratch_sample(tmp_path / "repo")
    first = okrsite_cli("pages", "--out", "content/_okrsite", "--today", "2026-11-24", cwd=repo)
    assert first.returncode == 0, first.stderr
    out = repo / "content" / "_okrsite"
    page = (out / "okrs" / "2026-Q4" / "product" / "self-serve.md").read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: ") and '\n<div class="okrsite-page">\n' in page and 'id="key-results"' in page
    assert (out / "periods" / "2026-Q4" / "cascade.md").exists() and (out / "feeds" / "all.xml").exists()
    assert (out / "assets" / "okrsite" / "okrsite.css").exists() and list((out / "charts").rglob("*.svg"))
    assert (out / ".gitignore").read_text().splitlines()[-1] == "*"
    before = _mtimes(out)
    second = okrsite_cli("pages", "--out", "content/_okrsite", "--today", "2026-11-24", cwd=repo)
    assert second.returncode == 0 and " 0 written" in second.stdout, second.stdout + second.stderr
    assert _mtimes(out) == before
    outside = okrsite_cli("pages", "--out", str(tmp_path / "elsewhere"), "--today", "2026-11-24", cwd=repo)
    assert outside.returncode == 2 and "not a folder inside docs_dir" in outside.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_every_page_body_passes_through_python_markdown_unchanged(tmp_path):
    """The body is raw HTML to a Markdown builder, with md_in_html or without it."""
    import markdown

    out = tmp_path / "docs" / "_okrsite"
    repo = scratch_sample(tmp_path / "repo")
    assert okrsite_cli("pages", "--out", "content/_okrsite", "--today", "2026-11-24", cwd=repo).returncode == 0
    out = repo / "content" / "_okrsite"
    changed = []
    for path in sorted(out.rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        for extensions in ([], ["md_in_html", "attr_list", "tables"]):
            if markdown.markdown(body, extensions=extensions).strip() != body.strip():
                changed.append(f"{path.relative_to(out)} {extensions}")
    assert not changed, changed[:10]


def assert_retrospective_and_embed(site: Path) -> None:
    """The product team's Q3 retrospective shows the scores and what went well its file says (read with
    PyYAML, not okrsite), and an objective's embed page is that objective's chart."""
    from .sitebuild import front_matter, page

    retro = front_matter(ROOT / "content" / "retros" / "2026-Q3" / "product.md")
    soup = page(site, "retros/2026-Q3/product")
    shown = {s.get_text(strip=True) for s in soup.select(".okr-score")}
    for kr, score in retro["scores"].items():
        value = score["score"] if isinstance(score, dict) else score
        assert f"{value:.2f}" in shown, kr
    text = soup.get_text(" ", strip=True)
    assert all(item in text for item in retro["went_well"])
    embed = page(site, "charts/okrs/2026-Q3/product/activation.html")
    title = front_matter(ROOT / "content" / "okrs" / "2026-Q3" / "product" / "activation.md")["title"]
    assert embed.title.get_text(strip=True) == title and embed.select_one('img[src="activation.svg"]') is not None


def test_content_with_errors_writes_nothing_and_exits_1(tmp_path):
    repo = scratch_sample(tmp_path / "repo")
    objective = repo / "content" / "okrs" / "2026-Q4" / "product" / "self-serve.md"
    objective.write_text(objective.read_text(encoding="utf-8").replace("key_results:", "key_results: [", 1),
                         encoding="utf-8")
    run = okrsite_cli("pages", "--out", "content/_okrsite", "--today", "2026-11-24", cwd=repo)
    assert run.returncode == 1 and "self-serve.md:" in run.stderr and "nothing was written" in run.stderr
    assert not (repo / "content" / "_okrsite").exists()


def test_the_day_is_the_plugins_today_then_okrsite_today_as_under_mkdocs(tmp_path):
    """Without --today, `okrsite pages` computes as of the day the plugin would (examples/lumen-foundation
    sets `today:` in its plugin block; CI sets $OKRSITE_TODAY)."""
    import datetime as dt

    from okrsite.hosts.pages.config import build_day, read_pages_config

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - okrsite:\n      today: 2026-12-10\n", encoding="utf-8")
    cfg = read_pages_config(config)
    env = {"OKRSITE_TODAY": "2026-11-24"}
    assert build_day(cfg, None, env) == dt.date(2026, 12, 10)
    assert build_day(cfg, dt.date(2026, 1, 5), env) == dt.date(2026, 1, 5)
    config.write_text("site_name: x\nplugins: [okrsite]\n", encoding="utf-8")
    assert build_day(read_pages_config(config), None, env) == dt.date(2026, 11, 24)
    assert build_day(read_pages_config(config), None, {}) == dt.date.today()
    config.write_text("site_name: x\nplugins:\n  - okrsite: {today: 24.11.2026}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        build_day(read_pages_config(config), None, env)


def test_a_page_folder_is_left_out_of_a_plugin_build(tmp_path, caplog):
    """While a repository moves to Zensical, `mkdocs build` (or properdocs) still runs the plugin: the
    folder `okrsite pages` wrote must not be published as a second portal under /_okrsite/. A person's
    folder beside it (no manifest) is published as always."""
    import logging

    from .orgs import objective, write
    from .sitebuild import build_site, small_project

    write(tmp_path / "content", objective("  - {id: a, title: A, baseline: 0, target: 10}\n"))
    write_pages(tmp_path / "content" / "_okrsite", {"index.md": b"# generated\n", "okrs/x.md": b"# generated\n"})
    (tmp_path / "content" / "notes").mkdir()
    (tmp_path / "content" / "notes" / "mine.md").write_text("# A person's page\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.okrsite"):
        site = build_site(small_project(tmp_path, "Move"), tmp_path / "site")
    assert not (site / "_okrsite").exists() and (site / "notes" / "mine" / "index.html").is_file()
    assert (site / "okrs" / "2026-Q4" / "product" / "o" / "index.html").is_file()
    assert "_okrsite/ was written by `okrsite pages`" in caplog.text
