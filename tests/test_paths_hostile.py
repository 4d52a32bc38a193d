"""A hostile content tree: links out of content/ (a file, a folder with broken YAML, an objective),
a link loop, a FIFO, Windows device names, `index` ids, fullwidth and newline-ended periods, a
248-character slug and a 300-character KR id. `okrsite check`, the build and every write command
end with diagnostics (never a traceback or an OSError), and the file system around the tree is
exactly as it was: nothing is read through a link, nothing written outside."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import Abort, PluginError

from okrsite.cli import main
from okrsite.resolve.pipeline import load_organization

from .sitebuild import build_site, small_project
from .test_corpus import BASE, TODAY

LONG_SLUG, LONG_KR = "s" * 248, "k" * 300
SECRET = "root:x:0:0:SECRET-MARKER-7f3a:/root:/bin/bash\n"


def hostile_tree(parent: Path) -> Path:
    """parent/content (the corpus base plus every hostile name) and parent/outside (what links reach)."""
    content = Path(shutil.copytree(BASE, parent / "content"))
    outside = parent / "outside"
    (outside / "okrs-dir").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "okrs-dir" / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    objective = (BASE / "okrs/2026-Q4/product/self-serve.md").read_text(encoding="utf-8")
    (outside / "objective.md").write_text(objective.replace("New customers", "SECRET-MARKER-7f3a"), encoding="utf-8")
    os.symlink(outside / "secret.txt", content / "leak.txt")
    os.symlink(outside / "okrs-dir", content / "okrs/2026-Q4/linked")
    os.symlink(outside / "objective.md", content / "okrs/2026-Q4/product/linked.md")
    os.symlink(".", content / "loop")
    os.mkfifo(content / "pipe.md")
    unit = "---\nname: Team\nkind: team\nparent: acme\n---\n"
    for name in ("con", "COM1", "index"):
        (content / f"units/{name}.md").write_text(unit, encoding="utf-8")
    for period in ("２０２６-Q4", "2026-Q4\n"):
        (content / "okrs" / period / "product").mkdir(parents=True)
        (content / "okrs" / period / "product" / "copy.md").write_text(objective, encoding="utf-8")
    (content / f"okrs/2026-Q4/product/{LONG_SLUG}.md").write_text(objective, encoding="utf-8")
    deals = content / "okrs/2026-Q4/sales/enterprise-deals.md"
    deals.write_text(deals.read_text(encoding="utf-8").replace(
        "initiatives:", f"  - id: {LONG_KR}\n    title: Long\n    baseline: 0\n    target: 1\ninitiatives:"),
        encoding="utf-8")
    (content / "okrs/2026-Q4/acme/titled.md").write_text(
        objective.replace("title: New customers succeed without our help", 'title: "Grow\\0 <b>"'), encoding="utf-8")
    return content


EXPECTED = {  # content-relative path -> rule code
    "leak.txt": "OKR022", "okrs/2026-Q4/linked": "OKR022", "okrs/2026-Q4/product/linked.md": "OKR022",
    "loop": "OKR022", "pipe.md": "OKR022",
    "units/con.md": "OKR220", "units/COM1.md": "OKR220", "units/index.md": "OKR221",
    "okrs/２０２６-Q4/product/copy.md": "OKR220", "okrs/2026-Q4<U+000A LINE FEED>/product/copy.md": "OKR220",
    f"okrs/2026-Q4/product/{LONG_SLUG}.md": "OKR223", "okrs/2026-Q4/sales/enterprise-deals.md": "OKR223",
    "okrs/2026-Q4/acme/titled.md": "OKR121",
}


def _reported(content: Path) -> set[tuple[str, str]]:
    org = load_organization(content, TODAY)
    root = str(content.resolve()) + "/"
    found = set()
    for d in org.diagnostics:
        path = d.location.path
        path = path[len(root):] if path.startswith(root) else path.split("content/", 1)[-1]
        found.add((path, d.code))
    return found


def test_check_names_every_hostile_file_and_reads_nothing_through_links(tmp_path: Path):
    content = hostile_tree(tmp_path)
    found = _reported(content)
    missing = {(p, c) for p, c in EXPECTED.items()} - found
    assert not missing, sorted(found)
    assert not any(code == "OKR000" for _, code in found)
    assert not any("broken.md" in p or "secret" in p for p, _ in found)  # nothing below a linked folder
    org = load_organization(content, TODAY)
    assert "SECRET-MARKER-7f3a" not in repr([o.title for o in org.objectives])
    assert all("\0" not in o.title for o in org.objectives)  # the NUL is taken out of what is kept
    assert not any(o.slug == LONG_SLUG for o in org.objectives)
    assert not any(kr.id == LONG_KR for o in org.objectives for kr in o.key_results)


def test_the_build_stops_with_diagnostics_not_an_oserror(tmp_path: Path, caplog):
    content = hostile_tree(tmp_path)
    config = small_project(tmp_path, "Hostile")
    with pytest.raises((PluginError, Abort)):  # before: ELOOP from MkDocs' walk of `loop -> .`
        build_site(config, tmp_path / "site")
    for rel in ("leak.txt", "okrs/2026-Q4/linked", "loop", "pipe.md"):
        assert f"`{rel}` is " in caplog.text
    assert not (tmp_path / "site" / "leak.txt").exists()
    for rel in ("leak.txt", "okrs/2026-Q4/linked", "okrs/2026-Q4/product/linked.md", "loop", "pipe.md"):
        (content / rel).unlink()
    caplog.clear()
    with pytest.raises((PluginError, Abort)):  # before: OSError Errno 36 (file name too long)
        build_site(config, tmp_path / "site")
    for code in ("OKR220", "OKR221", "OKR223"):
        assert f"error {code}" in caplog.text
    assert "warning OKR121" in caplog.text  # the NUL of a title: taken out, reported


def test_a_linked_file_in_docs_dir_is_not_published(tmp_path: Path, caplog):
    """docs_dir apart from the content directory: a link there would be copied by MkDocs as it is."""
    shutil.copytree(BASE, tmp_path / "okr-content")
    (tmp_path / "content").mkdir()  # the docs_dir: pages only
    config = small_project(tmp_path, "Docs")
    config.write_text(config.read_text(encoding="utf-8").replace("  - okrsite:\n",
                                                                 "  - okrsite:\n      content: okr-content\n"),
                      encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", tmp_path / "content" / "leak.txt")
    with pytest.raises((PluginError, Abort)):
        build_site(config, tmp_path / "site")
    assert "`leak.txt` is a symbolic link" in caplog.text
    assert not (tmp_path / "site" / "leak.txt").exists()


# --- the file system around the tree, before and after every command --------------------------------

def snapshot(root: Path, skip: tuple[str, ...] = (), *, folder_times: bool = True) -> dict[str, tuple]:
    """Every entry under `root` (links not followed): kind, mode, size, mtime and content hash
    (a folder's mtime changes when anything is created in it, even if removed again)."""
    out: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        dirnames[:] = [d for d in dirnames if (f"{rel_dir}/{d}" if rel_dir != "." else d) not in skip]
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            st = path.lstat()
            if path.is_symlink():
                out[rel] = ("link", os.readlink(path))
            elif path.is_file():
                out[rel] = ("file", st.st_mode, st.st_size, st.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                out[rel] = ("other", st.st_mode, st.st_mtime_ns if folder_times else 0)
    return out


def test_no_command_changes_anything_outside_its_folders(tmp_path: Path):
    parent = tmp_path / "work"
    parent.mkdir()
    sibling = tmp_path / "sibling"
    sibling.mkdir()
    (sibling / "keep.txt").write_text("mine\n", encoding="utf-8")
    content = hostile_tree(parent)
    config = small_project(parent, "Hostile")
    before, around = snapshot(parent, ("site", ".cache")), snapshot(tmp_path, ("work",))
    runner = CliRunner()
    runs = {
        "check": ["check", str(content), "--today", "2026-11-24"],
        "close": ["close", "2026-Q4", str(content), "--today", "2026-12-28"],
        "new period": ["new", "period", "2027-Q1", str(content), "--today", "2027-01-05"],
        "export data": ["export", "data", str(content), "--out", str(parent / "exports/data")],
        "export charts": ["export", "charts", str(content), "--out", str(parent / "exports/charts"),
                          "--cache", str(parent / ".cache")],
    }
    for name, args in runs.items():
        result = runner.invoke(main, args)
        assert result.exit_code == 1, (name, result.output)  # the content has errors
        assert isinstance(result.exception, SystemExit) or result.exception is None, (name, result.exception)
        assert "Traceback" not in result.output
    with pytest.raises((PluginError, Abort)):
        build_site(config, parent / "site")
    assert snapshot(parent, ("site", ".cache")) == before
    assert snapshot(tmp_path, ("work",)) == around
    assert not (parent / "exports").exists()
    site_files = [p for p in (parent / "site").rglob("*") if p.is_file()] if (parent / "site").exists() else []
    assert not any(b"SECRET-MARKER-7f3a" in p.read_bytes() for p in site_files)


def test_commands_that_succeed_write_only_into_their_own_folders(tmp_path: Path):
    """The same commands on content that checks clean: each writes where it says (content/, the
    --out folder, the site and the cache) and nowhere else; the files that existed are untouched."""
    from .sitebuild import CHART_CACHE
    from .test_write_safety import _with_q4_retros

    parent = tmp_path / "work"
    parent.mkdir()
    (tmp_path / "sibling").mkdir()
    (tmp_path / "sibling" / "keep.txt").write_text("mine\n", encoding="utf-8")
    content = Path(shutil.copytree(BASE, parent / "content"))
    _with_q4_retros(content)
    config = small_project(parent, "Clean")
    folders = ("content", "site", "exports")
    before_content = snapshot(content)
    before, around = snapshot(parent, folders), snapshot(tmp_path, ("work",))
    runner = CliRunner()
    for args in (["check", str(content), "--today", "2026-12-28"],
                 ["close", "2026-Q4", str(content), "--today", "2026-12-28"],
                 ["new", "period", "2027-Q1", str(content), "--today", "2027-01-05"],
                 ["export", "data", str(content), "--out", str(parent / "exports/data")],
                 ["export", "charts", str(content), "--static", "--out", str(parent / "exports/charts"),
                  "--cache", str(CHART_CACHE)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
    build_site(config, parent / "site", today="2027-01-05")
    assert snapshot(parent, folders) == before
    assert snapshot(tmp_path, ("work",)) == around
    after = snapshot(content)
    assert {rel: v for rel, v in after.items() if rel in before_content and v[0] == "file"} == {
        rel: v for rel, v in before_content.items() if v[0] == "file"}  # nothing a person wrote changed
    new = sorted(rel for rel, v in after.items() if rel not in before_content and v[0] == "file")
    assert new == ["okrs/2027-Q1/product/reliability.md", "okrs/2027-Q1/product/self-serve.md",
                   "okrs/2027-Q1/sales/enterprise-deals.md", "retros/2026-Q4/acme.md"]
    assert not any(p.is_symlink() for p in parent.rglob("*"))
