"""Write commands lose nothing and say what they did (source/safewrite.py, export/folder.py):
never over a file, never through a link or outside their folder, all or nothing; a failed write
is an error with exit status 2 (1 means "the content has errors"), never a traceback; an export
writes only into a new, empty or okrsite-owned folder."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from okrsite.cli import main
from okrsite.export.folder import MARKER
from okrsite.source import safewrite
from okrsite.source.safewrite import WriteFailed, write_all

from .test_corpus import BASE
from .test_paths_hostile import snapshot

RETROS = {  # the units of the corpus base that carry objectives from 2026-Q4 into 2027-Q1
    "product": "  - {ref: self-serve, action: continue}\n  - {ref: reliability, action: continue}\n",
    "sales": "  - {ref: enterprise-deals, action: continue}\n",
}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BASE, tmp_path / "content"))


def _with_q4_retros(content: Path) -> None:
    (content / "retros/2026-Q4").mkdir()
    for unit, carry in RETROS.items():
        (content / f"retros/2026-Q4/{unit}.md").write_text(
            f"---\nstatus: published\ncarry_forward:\n{carry}---\nDone.\n", encoding="utf-8")


def _fail_on_call(monkeypatch, n: int, exc: OSError) -> None:
    """The n-th hard link okrsite makes fails (a read-only folder, a full disk)."""
    real, calls = os.link, []

    def link(src, dst, *args, **kwargs):
        calls.append(dst)
        if len(calls) == n:
            raise exc
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(safewrite.os, "link", link)


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


# --- the helper ---------------------------------------------------------------------------------

def test_nothing_is_written_through_a_link_or_outside_the_folder(tmp_path: Path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    os.symlink(outside, root / "retros")
    for rel in ("retros/2026-Q4/a.md", "../x.md", "/etc/x.md", "a/../../x.md", "a\\..\\x.md"):
        with pytest.raises(WriteFailed):
            write_all(root, {"ok.md": "fine", rel: "x"})
    assert os.listdir(outside) == [] and sorted(os.listdir(root)) == ["retros"]


def test_an_existing_file_is_never_replaced_and_the_run_writes_nothing(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b/two.md").write_text("a person's file", encoding="utf-8")
    with pytest.raises(WriteFailed, match="exists already") as err:
        write_all(tmp_path, {"a/one.md": "1", "b/two.md": "2", "c/three.md": "3"})
    assert err.value.path == "b/two.md" and err.value.kept == []
    assert sorted(os.listdir(tmp_path)) == ["b"] and os.listdir(tmp_path / "b") == ["two.md"]
    assert (tmp_path / "b/two.md").read_text(encoding="utf-8") == "a person's file"


def test_a_failure_half_way_takes_back_every_file_and_folder_it_made(tmp_path: Path, monkeypatch):
    _fail_on_call(monkeypatch, 3, PermissionError(errno.EACCES, "Permission denied"))
    with pytest.raises(WriteFailed) as err:
        write_all(tmp_path, {f"d{i}/e/f{i}.md": str(i) for i in range(5)})
    assert err.value.path == "d2/e/f2.md" and err.value.reason == "Permission denied"
    assert os.listdir(tmp_path) == []  # no file, no folder, no temporary file


def test_without_hard_links_files_are_still_created_exclusively(tmp_path: Path, monkeypatch):
    def no_links(*_args, **_kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(safewrite.os, "link", no_links)
    assert write_all(tmp_path, {"a/b.md": "x"}) == ["a/b.md"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "b.md"]


def test_overwriting_replaces_regular_files_only(tmp_path: Path):
    (tmp_path / "old.json").write_text("old", encoding="utf-8")
    write_all(tmp_path, {"old.json": "new"}, overwrite=True)
    assert (tmp_path / "old.json").read_text(encoding="utf-8") == "new"
    (tmp_path / "target.txt").write_text("keep", encoding="utf-8")
    os.symlink(tmp_path / "target.txt", tmp_path / "link.json")
    with pytest.raises(WriteFailed, match="symbolic link"):
        write_all(tmp_path, {"link.json": "x"}, overwrite=True)
    assert (tmp_path / "target.txt").read_text(encoding="utf-8") == "keep"


# --- close and new period ---------------------------------------------------------------------------

def test_close_reports_a_permission_error_with_exit_2_and_writes_nothing(content: Path, monkeypatch):
    before = snapshot(content, folder_times=False)
    _fail_on_call(monkeypatch, 2, PermissionError(errno.EACCES, "Permission denied"))
    result = _run("close", "2026-Q4", str(content), "--today", "2026-12-28")
    assert result.exit_code == 2, result.output
    assert "error: cannot write retros/2026-Q4/product.md: Permission denied" in result.output
    assert "nothing was written" in result.output and "Traceback" not in result.output
    assert snapshot(content, folder_times=False) == before  # not even the folder retros/2026-Q4


def test_new_period_failing_half_way_leaves_nothing_behind(content: Path, monkeypatch):
    _with_q4_retros(content)
    before = snapshot(content, folder_times=False)
    _fail_on_call(monkeypatch, 3, OSError(errno.ENOSPC, "No space left on device"))
    result = _run("new", "period", "2027-Q1", str(content), "--today", "2027-01-05")
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output and "nothing was written" in result.output
    assert snapshot(content, folder_times=False) == before
    monkeypatch.undo()
    result = _run("new", "period", "2027-Q1", str(content), "--today", "2027-01-05")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (content / "okrs/2027-Q1").rglob("*.md")) == [
        "enterprise-deals.md", "reliability.md", "self-serve.md"]


def test_a_link_planted_after_the_check_is_not_written_through(content: Path, tmp_path: Path, monkeypatch):
    """The check refuses links (OKR022); one that appears between the check and the write is refused too."""
    outside = tmp_path / "outside"
    outside.mkdir()
    real = safewrite.write_all

    def planted(root, files, **kwargs):
        os.symlink(outside, Path(root) / "retros/2026-Q4")
        return real(root, files, **kwargs)

    monkeypatch.setattr("okrsite.lifecycle.common.write_all", planted)
    result = _run("close", "2026-Q4", str(content), "--today", "2026-12-28")
    assert result.exit_code == 2, result.output
    assert "is a symbolic link" in result.output
    assert os.listdir(outside) == []


def test_a_linked_folder_in_content_stops_close_before_anything_is_written(content: Path, tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, content / "retros/2026-Q4")
    result = _run("close", "2026-Q4", str(content), "--today", "2026-12-28")
    assert result.exit_code == 1, result.output  # the content has errors: the link
    assert "OKR022" in result.output and os.listdir(outside) == []


@pytest.mark.parametrize("period", ["2027-Q1\n", "２０２７-Q1", "2027-Q1\u200b"])
def test_a_period_argument_that_names_another_folder_is_a_usage_error(content: Path, period: str):
    _with_q4_retros(content)
    before = snapshot(content, folder_times=False)
    result = _run("new", "period", period, str(content), "--today", "2027-01-05", "--from", "2026-Q4")
    assert result.exit_code == 2 and "OKR220" not in result.output
    assert "NEXT: the period" in result.output
    assert snapshot(content, folder_times=False) == before


# --- export --out -----------------------------------------------------------------------------------

def test_export_refuses_a_folder_it_did_not_make_and_lists_what_it_would_overwrite(content: Path, tmp_path: Path):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "okrs.json").write_text("a person's file", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    before = snapshot(out, folder_times=False)
    result = _run("export", "data", str(content), "--today", "2026-11-24", "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "it would overwrite 1 file(s): okrs.json" in result.output and MARKER in result.output
    assert snapshot(out, folder_times=False) == before


def test_export_writes_a_new_folder_and_then_replaces_only_in_its_own(content: Path, tmp_path: Path):
    out = tmp_path / "new" / "reports"
    first = _run("export", "data", str(content), "--today", "2026-11-24", "--out", str(out))
    assert first.exit_code == 0, first.output
    assert sorted(os.listdir(out)) == [MARKER, "check_ins.csv", "key_results.csv", "kpi_values.csv", "kpis.csv",
                                       "objectives.csv", "okrs.json",
                                       "units.csv"]
    (out / "okrs.json").write_text("stale", encoding="utf-8")
    again = _run("export", "data", str(content), "--today", "2026-11-24", "--out", str(out))
    assert again.exit_code == 0, again.output
    assert (out / "okrs.json").read_text(encoding="utf-8").startswith("{")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _run("export", "data", str(content), "--today", "2026-11-24", "--out", str(empty)).exit_code == 0


def test_export_never_writes_through_a_link_in_its_folder(content: Path, tmp_path: Path):
    out, outside = tmp_path / "reports", tmp_path / "outside"
    outside.mkdir()
    assert _run("export", "data", str(content), "--today", "2026-11-24", "--out", str(out)).exit_code == 0
    (out / "okrs.json").unlink()
    os.symlink(outside / "passwd", out / "okrs.json")
    result = _run("export", "data", str(content), "--today", "2026-11-24", "--out", str(out))
    assert result.exit_code == 2 and "symbolic link" in result.output
    assert os.listdir(outside) == []


def test_an_export_failing_half_way_takes_its_new_folder_back(content: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "reports"
    _fail_on_call(monkeypatch, 4, PermissionError(errno.EACCES, "Permission denied"))
    result = _run("export", "data", str(content), "--today", "2026-11-24", "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "Permission denied" in result.output and "Traceback" not in result.output
    assert not out.exists()
