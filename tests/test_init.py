"""`okrsite init` (issue 11): in an empty directory, `okrsite init` → `okrsite check` → `mkdocs build
--strict` succeed with no other step, in Japanese and in English, run as a company would run them
(subprocesses in the new directory). It never overwrites, and every file under okrsite/scaffold/
arrives (the workflows another part of okrsite adds there included)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from okrsite.lifecycle import init as init_module
from okrsite.lifecycle.init import TargetsExist, init_repository

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("OKRSITE_TODAY", None)


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=600)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang, name, nav", [
    ("ja", "株式会社テスト", ["ホーム", "期の一覧", "組織", "メンバー一覧", "学び", "ウィン", "振り返り"]),
    ("en", 'Acme: "Tools" #1', ["Home", "Periods", "Organization", "People", "Learnings", "Wins", "Retrospectives"]),
])
def test_init_check_build_in_a_new_directory(tmp_path, lang, name, nav):
    repo = tmp_path / "okrs"
    made = run(tmp_path, "okrsite", "init", "okrs", "--lang", lang, "--name", name)
    assert made.returncode == 0, made.stderr
    checked = run(repo, "okrsite", "check", "--strict")  # not even a warning (nothing stale, 2 KRs …)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.startswith("ok: ")
    built = run(repo, "mkdocs", "build", "--strict")
    assert built.returncode == 0, built.stderr
    home = soup(repo / "site" / "index.html")
    assert home.html["lang"] == lang
    assert name in home.title.get_text()  # site_name survives YAML-special characters
    assert [a.get_text(strip=True) for a in home.select("nav.md-nav--primary > ul > li > a")][:len(nav)] == nav
    today = dt.date.today()
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    objective = repo / "site" / "okrs" / quarter / "product" / "first-objective" / "index.html"
    assert objective.is_file()
    assert (repo / "site" / "feeds" / "all.xml").is_file()
    if lang == "en":
        assert_no_japanese(repo, name)


CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def assert_no_japanese(repo: Path, name: str) -> None:
    """`okrsite init --lang en`: an English mkdocs.yml (nav titles, palette toggles, comments) and no
    Japanese character in any built page (the scaffold's content is English, so nothing is exempt)."""
    assert not CJK.findall((repo / "mkdocs.yml").read_text(encoding="utf-8"))
    config = yaml.load((repo / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["theme"]["language"] == "en"
    assert [c["toggle"]["name"] for c in config["theme"]["palette"]] == ["Switch to dark mode", "Switch to light mode"]
    pages = sorted((repo / "site").rglob("*.html"))
    assert len(pages) > 10
    found = {p.relative_to(repo / "site").as_posix(): CJK.findall(p.read_text(encoding="utf-8"))[:5] for p in pages}
    assert {k: v for k, v in found.items() if v} == {}
    feeds = [CJK.findall(p.read_text(encoding="utf-8")) for p in (repo / "site" / "feeds").glob("*.xml")]
    assert feeds and not any(feeds)


def test_the_configuration_has_what_a_real_site_needs(tmp_path):
    for lang in ("ja", "en"):
        init_repository(tmp_path / lang, lang, None, dt.date(2026, 5, 20))
        config = yaml.load((tmp_path / lang / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
                           if lang == "en" else _AnyTagLoader)
        assert config["site_name"] and config["site_url"].startswith("https://")
        assert config["theme"]["name"] == "material" and config["theme"]["language"] == lang
        assert config["theme"]["font"] in (False, "false")
        assert config["plugins"][-1] == "okrsite"
        assert lang in str(config["plugins"][0]["search"]["lang"])
        assert {c["toggle"]["name"] for c in config["theme"]["palette"]} != set()
        ignored = (tmp_path / lang / ".gitignore").read_text().split()
        assert "site/" in ignored and ".cache/" in ignored
        hooks = yaml.safe_load((tmp_path / lang / ".pre-commit-config.yaml").read_text())
        assert hooks["repos"][0]["hooks"][0]["id"] == "okrsite-check"
        # the period and the check-in follow the day given: 2026-05-20 lies in 2026-Q2
        assert (tmp_path / lang / "content/logs/2026-Q2/product/2026-05-20.md").is_file()


class _AnyTagLoader(yaml.SafeLoader):
    """Reads the Japanese mkdocs.yml's `!!python/object/apply` slugify tag as plain data."""


_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def test_the_check_in_is_not_stale_for_two_weeks(tmp_path):
    made = dt.date(2026, 8, 3)
    init_repository(tmp_path, "en", None, made)
    for days, rc in ((14, 0), (15, 1)):  # stale_after_days: 14
        on = (made + dt.timedelta(days=days)).isoformat()
        checked = run(tmp_path, "okrsite", "check", "--strict", "--today", on)
        assert checked.returncode == rc, (on, checked.stdout)


def test_init_never_overwrites_and_writes_nothing_when_a_file_exists(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: ours\n")
    (tmp_path / ".gitignore").write_text("node_modules/\n")
    result = run(tmp_path, "okrsite", "init", "--lang", "en")
    assert result.returncode == 2
    assert "mkdocs.yml" in result.stderr and ".gitignore" in result.stderr
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: ours\n"
    assert not (tmp_path / "content").exists()
    # a file where a directory must go counts too, and nothing is written either
    other = tmp_path / "other"
    other.mkdir()
    (other / "content").write_text("a file, not a directory")
    with pytest.raises(TargetsExist) as exc:
        init_repository(other, "ja", None, dt.date(2026, 5, 20))
    assert "content/okrsite.yml" in exc.value.existing
    assert sorted(p.name for p in other.iterdir()) == ["content"]


def test_every_scaffold_file_arrives_and_workflows_are_copied_unchanged(tmp_path, monkeypatch):
    scaffold = tmp_path / "scaffold"
    (scaffold / "github" / "workflows").mkdir(parents=True)
    workflow = "on: push\njobs:\n  x:\n    steps:\n      - run: echo ${{ github.sha }} $HOME\n"
    (scaffold / "github" / "workflows" / "okrs.yml").write_text(workflow)
    (scaffold / "lang" / "en" / "content").mkdir(parents=True)
    (scaffold / "lang" / "en" / "content" / "okrsite.yml").write_text("# ${name}\nlanguage: ${lang}\n")
    (scaffold / "lang" / "ja").mkdir(parents=True)
    (scaffold / "lang" / "ja" / "only-ja.txt").write_text("ja")
    (scaffold / "gitignore").write_text("site/\n")
    monkeypatch.setattr(init_module, "SCAFFOLD", scaffold)
    out = tmp_path / "repo"
    written = init_repository(out, "en", "Acme", dt.date(2026, 5, 20))
    assert sorted(written) == [".github/workflows/okrs.yml", ".gitignore", "content/okrsite.yml"]
    assert (out / ".github/workflows/okrs.yml").read_text() == workflow
    assert (out / "content/okrsite.yml").read_text() == "# Acme\nlanguage: en\n"
