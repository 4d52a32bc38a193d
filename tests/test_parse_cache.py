"""The check's per-file cache (okrsite/source/parse_cache.py): a file whose bytes did not change
is not parsed again, and a check that uses the cache reports exactly what a fresh one does:
every code, message, hint and position (positions are worked out from the cached text)."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from okrsite.cli import main
from okrsite.model.visibility import for_audience
from okrsite.resolve.pipeline import load_organization
from okrsite.site.shadows import content_shadows
from okrsite.source import parse_cache, validators
from okrsite.source.parse_cache import ParseCache, cache_home

from .test_corpus import BASE, CASE_NAMES, build, load_case

TODAY = dt.date(2026, 11, 24)
# a spread of the bad-file corpus: syntax errors, salvaged models, references, history, paths; and
# a logged change naming a key its objective file does not write (OKR213), which reads a cached
# file's front matter again (a cached Located keeps its text, not its data: source/yaml.py)
SAMPLE = sorted({*CASE_NAMES[::9], "change-field-missing-key"})


def reported(root: Path, cache: ParseCache | None) -> list[tuple]:
    org = load_organization(root, TODAY, cache=cache)
    found = [*org.diagnostics, *content_shadows(org, root)]
    return [(d.code, d.severity.value, d.message, d.hint, d.location.path, d.location.line, d.location.column)
            for d in found]


@pytest.mark.parametrize("trusted", [False, True], ids=["read", "stamped"])
@pytest.mark.parametrize("name", ["(base)", *SAMPLE])
def test_a_cached_check_reports_what_a_fresh_one_does(name, trusted, tmp_path, monkeypatch):
    """Whether the second run reads each file and finds its entry by its bytes, or (`stamped`:
    files written long enough before the run) takes its entry by its stamp without reading it."""
    root = build(load_case(name), tmp_path / "content") if name != "(base)" else _copy_base(tmp_path)
    monkeypatch.chdir(tmp_path)  # displayed paths are relative to the working directory
    if trusted:
        monkeypatch.setattr(parse_cache, "RACY_NS", 0)
    fresh = reported(root, None)
    first = ParseCache.for_content(root, tmp_path / "cache")
    assert reported(root, first) == fresh
    second = ParseCache.for_content(root, tmp_path / "cache")
    read = _counting_reads(monkeypatch)
    assert reported(root, second) == fresh
    assert second.misses == 0 and second.hits == first.misses > 0
    kept = {(root / rel).as_posix() for rel in first._new if rel != "okrsite.yml"}  # the data files
    assert kept and {Path(r).as_posix() for r in read} & kept == (set() if trusted else kept)


def _counting_reads(monkeypatch) -> list[str]:
    """The content files load_repository opens from now on (by path)."""
    from okrsite.source import repository

    opened: list[str] = []

    def counting(path, *args, **kwargs):
        opened.append(str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(repository, "open", counting, raising=False)
    return opened


def test_a_file_changed_since_its_stamp_is_read_again(tmp_path, monkeypatch):
    """A file's stamp holds its change time, which any write moves and no program sets back: a
    file rewritten with its size and modification time kept is read again. A file changed just
    before a run (within RACY_NS) gets no stamp, and one shown under another path is read too."""
    root = _copy_base(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)
    assert reported(root, ParseCache.for_content(root, tmp_path / "cache")) == []
    log = sorted((root / "logs").rglob("*.md"))[-1]
    text, st = log.read_text(encoding="utf-8"), log.stat()
    changed = text.replace("  new-deals:", "  nosuchkrs:", 1)  # the same size
    assert len(changed.encode()) == len(text.encode()) and changed != text
    log.write_text(changed, encoding="utf-8")
    os.utime(log, ns=(st.st_atime_ns, st.st_mtime_ns))
    time.sleep(0.01)  # change times this run may compare against lie before it
    cache = ParseCache.for_content(root, tmp_path / "cache")
    read = _counting_reads(monkeypatch)
    assert "OKR205" in [f[0] for f in reported(root, cache)] and read == [str(log)]
    monkeypatch.setattr(parse_cache, "RACY_NS", 3_600 * 10**9)  # every file changed "just now"
    cache = ParseCache.for_content(root, tmp_path / "cache")
    read.clear()
    reported(root, cache)
    assert len(read) > 10 and cache.misses == 0  # read and found by their bytes
    cache.save()
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)
    again = ParseCache.for_content(root, tmp_path / "cache")
    read.clear()
    reported(root, again)
    assert len(read) > 10 and again.misses == 0  # the run before kept no stamps to trust
    elsewhere = tmp_path / "sub"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the same files shown as ../content/...: read, not trusted
    moved = ParseCache.for_content(root, tmp_path / "cache")
    read.clear()
    reported(root, moved)
    assert len(read) > 10


def test_a_changed_file_is_read_again(tmp_path, monkeypatch):
    root = _copy_base(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert reported(root, ParseCache.for_content(root, tmp_path / "cache")) == []
    log = sorted((root / "logs").rglob("*.md"))[-1]
    text = log.read_text(encoding="utf-8")
    log.write_text(text.replace("updates:\n", "updates:\n  no-such-kr: {value: 1}\n", 1), encoding="utf-8")
    cache = ParseCache.for_content(root, tmp_path / "cache")
    found = reported(root, cache)
    assert found == reported(root, None)
    assert [f[0] for f in found] == ["OKR205"]
    line = text.split("\n").index("updates:") + 2
    assert found[0][5] == line
    assert cache.misses == 1


def test_unchanged_settings_are_not_validated_again(tmp_path, monkeypatch):
    """okrsite.yml goes through the cache like any file: validating it built the settings'
    schemas, a tenth of a pull request's check at 200 units. A changed one is read again."""
    import okrsite.source.repository as repository

    root = _copy_base(tmp_path)
    monkeypatch.chdir(tmp_path)
    config = root / "okrsite.yml"
    config.write_text(config.read_text(encoding="utf-8") if config.exists() else "lang: ja\n", encoding="utf-8")
    fresh = reported(root, None)
    reported(root, ParseCache.for_content(root, tmp_path / "cache"))

    def refuse(*args, **kwargs):
        raise AssertionError("okrsite.yml was validated again")

    with monkeypatch.context() as m:
        m.setattr(repository, "load_settings", refuse)
        assert reported(root, ParseCache.for_content(root, tmp_path / "cache")) == fresh
    config.write_text(config.read_text(encoding="utf-8") + "no_such_setting: 1\n", encoding="utf-8")
    cache = ParseCache.for_content(root, tmp_path / "cache")
    found = reported(root, cache)
    assert found == reported(root, None)
    assert "OKR008" in [f[0] for f in found] and cache.misses == 1
    config.unlink()  # no okrsite.yml: the defaults are cached too, and reported as a fresh check would
    fresh = reported(root, None)
    assert reported(root, ParseCache.for_content(root, tmp_path / "cache")) == fresh
    with monkeypatch.context() as m:
        m.setattr(repository, "load_settings", refuse)
        assert reported(root, ParseCache.for_content(root, tmp_path / "cache")) == fresh


def test_a_check_from_its_cache_does_not_look_for_pydantic_plugins(tmp_path):
    """pydantic's scan of every installed distribution's entry points for plugins is not made:
    the CLI turns plugins off unless PYDANTIC_DISABLE_PLUGINS is set ("" lets them load), and a
    check whose files all come from its cache builds no schema at all."""
    import subprocess
    import sys

    root = _copy_base(tmp_path)
    code = ("import os, sys\nfrom okrsite.cli import main\nprint(repr(os.environ.get('PYDANTIC_DISABLE_PLUGINS')))\n"
            "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "print('importlib.metadata' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["OKRSITE_CACHE_DIR"] = str(tmp_path / "cache")
    runs = [subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True,
                           env=env).stdout.strip().splitlines() for _ in range(2)]
    assert runs[0][0] == runs[1][0] == "'__all__'"
    assert runs[1][-1] == "False"  # the second run reads every file from the cache
    env["PYDANTIC_DISABLE_PLUGINS"] = ""
    again = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True,
                           env=env).stdout.strip().splitlines()
    assert again[0] == "''"


def test_the_pack_lives_outside_the_repository(tmp_path, monkeypatch):
    """A pickle can run code when read: okrsite never reads one from a tree a contributor writes."""
    root = _copy_base(tmp_path)
    monkeypatch.delenv("OKRSITE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    pack = ParseCache.for_content(root).pack
    assert pack.is_relative_to(tmp_path / "xdg" / "okrsite" / "check")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_home() == tmp_path / "home" / ".cache" / "okrsite"
    assert not ParseCache.for_content(root).pack.is_relative_to(root)


@pytest.mark.parametrize("spoil", ["garbage", "other code", "someone else's"])
def test_a_pack_that_cannot_be_trusted_is_ignored(spoil, tmp_path, monkeypatch):
    root = _copy_base(tmp_path)
    monkeypatch.chdir(tmp_path)
    warm = ParseCache.for_content(root, tmp_path / "cache")
    reported(root, warm)
    pack = warm.pack
    if spoil == "garbage":
        pack.write_bytes(b"\x80\x05not a pickle")
    elif spoil == "other code":
        fingerprint, entries, kept = pickle.loads(pack.read_bytes())
        assert kept  # the pydantic validators the warm run built, kept beside its entries
        pack.write_bytes(pickle.dumps(("0" * 32, entries, kept)))
    else:
        monkeypatch.setattr(os, "getuid", lambda: os.stat(pack).st_uid + 1)
    monkeypatch.setattr(validators, "_offered", {})
    cache = ParseCache.for_content(root, tmp_path / "cache")
    assert reported(root, cache) == reported(root, None)
    assert cache.hits == 0 and validators._offered == {}  # nor are its validators used


def test_check_keeps_its_cache_in_okrsite_cache_dir_unless_told_not_to(tmp_path, monkeypatch):
    root = _copy_base(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OKRSITE_CACHE_DIR", str(tmp_path / "c"))
    args = ["check", str(root), "--today", TODAY.isoformat(), "--no-color"]
    assert CliRunner().invoke(main, [*args, "--no-cache"]).exit_code == 0
    assert not (tmp_path / "c").exists()
    assert CliRunner().invoke(main, args).exit_code == 0
    assert sorted(p.suffix or p.name for p in (tmp_path / "c" / "check").iterdir()) == [".pickle", "code-fingerprint"]
    assert not list(root.rglob("*.pickle"))


def test_an_audience_copy_finds_its_own_retrospectives(sample_org):
    """retro_of answers from an index: a copy with redacted retros must not answer with the originals."""
    view = for_audience(sample_org, "internal")
    assert view.retros
    for original in sample_org.retros:
        sample_org.retro_of(original.unit, original.period)  # builds the original's index first
    originals = {id(r) for r in sample_org.retros}
    for retro in view.retros:
        found = view.retro_of(retro.unit, retro.period)
        assert found is not None and id(found) not in originals and found in view.retros


def _copy_base(tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(BASE, tmp_path / "content"))


def test_the_scaffolded_workflows_keep_the_folder_the_check_uses(tmp_path, monkeypatch):
    """The workflows `okrsite init` writes cache the folder okrsite check writes on a runner (no
    OKRSITE_CACHE_DIR, no XDG_CACHE_HOME), before the step that checks."""
    import yaml

    from okrsite.cli import __file__ as cli_file

    monkeypatch.delenv("OKRSITE_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    workflows = Path(cli_file).parent / "scaffold" / "github" / "workflows"
    for name in ("okr-pull-request.yml", "okr-publish.yml"):
        steps = [s for job in yaml.safe_load((workflows / name).read_text(encoding="utf-8"))["jobs"].values()
                 for s in job["steps"]]
        names = [s.get("name") for s in steps]
        cached = steps[names.index("Parsed files")]["with"]["path"]
        assert Path(cached.replace("~", str(tmp_path), 1)) == cache_home() / "check", name
        assert names.index("Parsed files") < names.index("Check the OKRs"), name


def test_any_change_to_okrsites_source_makes_every_entry_stale(tmp_path, monkeypatch):
    """The pack's fingerprint hashes okrsite's source: an edit, an added or a renamed module
    change it; bytecode beside the source does not, nor does a fresh install of the same files
    (new modification times: a CI run keeps its packs). The hash is kept in a memo with the files'
    sizes and modification times, and the source is read again only when one of them changes."""
    from okrsite.source import parse_cache

    package = tmp_path / "okrsite"
    (package / "source" / "__pycache__").mkdir(parents=True)
    (package / "cli.py").write_text("A = 1\n")
    (package / "source" / "yaml.py").write_text("B = 2\n")
    from okrsite import cachedirs

    monkeypatch.setattr(cachedirs, "_PACKAGE", package)
    memo = tmp_path / "cache" / "code-fingerprint"
    seen = [parse_cache.code_fingerprint(memo)]

    def changed() -> bool:
        seen.append(parse_cache.code_fingerprint(memo))
        return seen[-1] != seen[-2]

    (package / "source" / "__pycache__" / "yaml.cpython-311.pyc").write_bytes(b"\0" * 16)
    (package / "notes.txt").write_text("not code")
    assert not changed()
    yaml_py = package / "source" / "yaml.py"
    st = yaml_py.stat()
    os.utime(yaml_py, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))  # installed again: same bytes
    assert not changed()
    st = yaml_py.stat()
    yaml_py.write_text("B = 3\n")  # the same size, written later
    os.utime(yaml_py, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert changed()
    (package / "source" / "new.py").write_text("")
    assert changed()
    (package / "source" / "new.py").rename(package / "source" / "other.py")
    assert changed()
    assert not changed()
    st = yaml_py.stat()  # changed with its size and time kept (as no editor does): the memo holds,
    yaml_py.write_text("B = 4\n")  # as a .pyc would
    os.utime(yaml_py, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert not changed()
    memo.write_text("damaged")
    assert changed() and seen[-1] == parse_cache.code_fingerprint(None)  # hashed again from the source
