"""The corpus of bad files: one valid organization, and many mistakes laid over it.

tests/corpus/base/ is a small organization that must check clean. Each directory in
tests/corpus/cases/ holds files at their content-relative paths that replace or add to the
base; the diagnostics each case must cause are written on the offending line itself as a
YAML comment `# expect: OKR101` (the line of the comment is the expected line), or, where a
comment cannot be written (file-level problems, encodings, files that are not YAML), in the
case's expect.yml:

    expect:                       # diagnostics not marked in the files
      - {code: OKR006, file: okrs/2026-Q4/product.md, line: 0}
      - {code: OKR509, file: okrs/2026-Q4/product/reliability.md, at: "id: sso"}  # line of the text
    also: [OKR506]                # warnings the mistake legitimately causes as well (keep rare)
    remove: [logs/2026-Q4/product/2026-11-20.md]   # base files the case deletes

A case passes when every expected diagnostic is reported, and nothing else is: no other
error at all, and no other warning unless its code is listed in `also`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from okrsite.diagnostics.diagnostic import Diagnostic, Severity
from okrsite.diagnostics.rules import RULES
from okrsite.resolve.pipeline import load_organization
from okrsite.site.shadows import content_shadows

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "base"
CASES = CORPUS / "cases"
TODAY = dt.date(2026, 11, 24)
META = "expect.yml"
MARKER = re.compile(r"#\s*expect:\s*(OKR\d{3}(?:[\s,]+OKR\d{3})*)")
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


@dataclass(frozen=True, order=True)
class Expected:
    code: str
    file: str  # relative to the content directory
    line: int  # 0 = the whole file

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.code}"


@dataclass
class Case:
    name: str
    expected: set[Expected]
    also: set[str]
    remove: list[str]
    overlay: list[str]  # files of the case, relative to the content directory


def _meta(case_dir: Path) -> dict:
    path = case_dir / META
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    assert isinstance(data, dict), f"{path}: expect.yml is a mapping (expect, also, remove)"
    unknown = set(data) - {"expect", "also", "remove", "about"}
    assert not unknown, f"{path}: unknown keys {sorted(unknown)}"
    return data


def _line_of(case_dir: Path, file: str, text: str) -> int:
    """The 1-based line of the first line containing `text`, in the case's file or else the base's."""
    for root in (case_dir, BASE):
        path = root / file
        if path.is_file():
            for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
                if text in line:
                    return n
    raise AssertionError(f"{case_dir.name}: `{text}` not found in {file}")


def load_case(name: str) -> Case:
    case_dir = CASES / name
    assert case_dir.is_dir(), f"no corpus case {name}"
    overlay = sorted(p.relative_to(case_dir).as_posix() for p in case_dir.rglob("*")
                     if p.is_file() and p.relative_to(case_dir).as_posix() != META)
    expected: set[Expected] = set()
    for rel in overlay:
        try:
            text = (case_dir / rel).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # e.g. the Shift_JIS case: its expectation is in expect.yml
        for n, line in enumerate(text.split("\n"), 1):
            m = MARKER.search(line)
            if m:
                expected.update(Expected(code, rel, n) for code in re.findall(r"OKR\d{3}", m.group(1)))
    meta = _meta(case_dir)
    for item in meta.get("expect", []):
        line = item["line"] if "line" in item else _line_of(case_dir, item["file"], item["at"])
        expected.add(Expected(item["code"], item["file"], line))
    return Case(name, expected, set(meta.get("also", [])), list(meta.get("remove", [])), overlay)


def build(case: Case, dest: Path) -> Path:
    """Base + the case's files (+ removals) in `dest`; returns the content directory."""
    shutil.copytree(BASE, dest)
    for rel in case.remove:
        assert (dest / rel).is_file(), f"{case.name}: remove lists {rel}, which is not a base file"
        (dest / rel).unlink()
    for rel in case.overlay:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CASES / case.name / rel, target, follow_symlinks=False)  # a link stays a link
    return dest


def _rel(diag: Diagnostic, root: Path) -> str:
    path = Path(diag.location.path)
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()  # a link is named, not followed
    except ValueError:
        return diag.location.path


def check(root: Path) -> list[tuple[Expected, Diagnostic]]:
    org = load_organization(root, today=TODAY)
    diagnostics = [*org.diagnostics, *content_shadows(org, root)]  # as `okrsite check` reports them
    return [(Expected(d.code, _rel(d, root), d.location.line), d) for d in diagnostics]


def _show(found: list[tuple[Expected, Diagnostic]]) -> str:
    return "\n".join(f"  {key} [{d.severity.value}] {d.message} (hint: {d.hint})" for key, d in found) or "  (none)"


# --- the base -----------------------------------------------------------------------------

def test_base_is_clean() -> None:
    found = check(BASE)
    assert not found, "the corpus base must check clean:\n" + _show(found)


# --- the cases ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", CASE_NAMES)
def test_case(name: str, tmp_path: Path) -> None:
    case = load_case(name)
    assert case.expected, f"{name}: no `# expect: OKR...` marker and no expect.yml entry"
    assert case.overlay or case.remove, f"{name}: the case changes nothing"
    for code in case.also:
        assert RULES[code].severity is Severity.WARNING, f"{name}: `also` may only allow warnings, not {code}"
    root = build(case, tmp_path / "content")
    found = check(root)
    keys = {key for key, _ in found}
    missing = sorted(case.expected - keys)
    extra = [(key, d) for key, d in found
             if key not in case.expected and not (d.severity is Severity.WARNING and d.code in case.also)]
    assert not missing and not extra, (
        f"{name}:\nmissing: {', '.join(map(str, missing)) or '-'}\nunexpected:\n{_show(extra)}\n"
        f"everything reported:\n{_show(found)}")
    for key, d in found:  # every position is one a contributor can jump to
        assert d.message and key.file not in ("", "."), f"{name}: {key}: no message or no file"
        if key.line:
            path = root / key.file
            assert path.is_file(), f"{name}: {key}: the file does not exist"
            assert key.line <= path.read_bytes().count(b"\n") + 1, f"{name}: {key}: line beyond the end of file"
            assert d.location.column >= 1, f"{name}: {key}: column {d.location.column}"


def test_lint_severity_from_configuration(tmp_path: Path) -> None:
    """okrsite.yml's lint.severity turns a warning into an error."""
    case = load_case("config-lint-raised-to-error")
    found = check(build(case, tmp_path / "content"))
    assert [d.severity for key, d in found if key.code == "OKR505"] == [Severity.ERROR]


def _with_severity(tmp_path: Path, case_name: str, severity: dict[str, str]) -> list[tuple[Expected, Diagnostic]]:
    root = build(load_case(case_name), tmp_path / "content")
    levels = "".join(f"    {code}: {level}\n" for code, level in severity.items())
    (root / "okrsite.yml").write_text(f"language: en\nlint:\n  severity:\n{levels}", encoding="utf-8")
    return check(root)


@pytest.mark.parametrize("level, expected", [("error", [Severity.ERROR]), ("off", [])])
def test_a_warning_outside_the_lints_is_configurable(tmp_path: Path, level: str, expected: list) -> None:
    """OKR309 is a warning but not an OKR5xx lint: lint.severity raises it or turns it off."""
    found = _with_severity(tmp_path, "future-check-in", {"OKR309": level})
    assert [d.severity for key, d in found if key.code == "OKR309"] == expected
    assert [key for key, _ in found if key.code == "OKR008"] == []


def test_an_error_in_lint_severity_is_rejected_and_stays_an_error(tmp_path: Path) -> None:
    """OKR303 (a check-in outside its period) is an error: naming it in lint.severity is OKR008 at
    that key, and the check-in is still reported as an error."""
    found = _with_severity(tmp_path, "future-check-in", {"OKR309": "off", "OKR303": "off"})
    config = [(key, d) for key, d in found if key.code == "OKR008"]
    assert [(key.file, key.line) for key, _ in config] == [("okrsite.yml", 5)]
    assert "OKR303" in config[0][1].message and config[0][1].severity is Severity.ERROR
    assert "OKR309" in config[0][1].hint and "OKR310" in config[0][1].hint and "OKR101" not in config[0][1].hint
    assert [key.code for key, _ in found if key.code == "OKR309"] == []


def test_corpus_covers_every_rule() -> None:
    """A new rule without a corpus case fails here: add a case to tests/corpus/cases/."""
    covered = {e.code for name in CASE_NAMES for e in load_case(name).expected}
    missing = sorted(set(RULES) - covered - {"OKR000"})
    assert not missing, f"no corpus case for {', '.join(missing)}"
    assert not covered - set(RULES), f"cases expect unknown codes: {sorted(covered - set(RULES))}"


def test_case_names_are_slugs() -> None:
    bad = [n for n in CASE_NAMES if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", n)]
    assert not bad and len(CASE_NAMES) >= 45, (bad, len(CASE_NAMES))


# --- the real command line ----------------------------------------------------------------

def _cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "okrsite", "check", root.name, "--today", TODAY.isoformat(), *args],
                          cwd=root.parent, capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_cli_json_on_base(tmp_path: Path) -> None:
    root = shutil.copytree(BASE, tmp_path / "content")
    proc = _cli(root, "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = json.loads(proc.stdout)
    assert out["diagnostics"] == []
    assert out["summary"]["errors"] == 0 and out["summary"]["files_checked"] > 10


@pytest.mark.parametrize("name", ["kr-target-percent", "checkin-unknown-kr", "unknown-place-objective"])
def test_cli_json_on_cases(name: str, tmp_path: Path) -> None:
    case = load_case(name)
    root = build(case, tmp_path / "content")
    proc = _cli(root, "--format", "json")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = json.loads(proc.stdout)
    got = {Expected(d["code"], d["file"].removeprefix("content/"), d["line"]) for d in out["diagnostics"]}
    assert case.expected <= got
    assert all(d["file"].startswith("content/") for d in out["diagnostics"]), "paths relative to the working dir"
    assert out["summary"]["errors"] == sum(d["severity"] == "error" for d in out["diagnostics"]) >= 1
    for d in out["diagnostics"]:
        assert set(d) >= {"code", "severity", "message", "hint", "file", "line", "column"}


def test_cli_github_format(tmp_path: Path) -> None:
    case = load_case("kr-unknown-key")
    root = build(case, tmp_path / "content")
    proc = _cli(root, "--format", "github")
    assert proc.returncode == 1
    (want,) = case.expected
    lines = proc.stdout.strip().splitlines()
    pattern = re.compile(
        rf"^::error file=content/{re.escape(want.file)},line={want.line},col=\d+,title={want.code}::\S")
    assert any(pattern.match(line) for line in lines), proc.stdout
    assert all(line.startswith(("::error ", "::warning ")) for line in lines), proc.stdout


def test_cli_strict_fails_on_warnings_only(tmp_path: Path) -> None:
    case = load_case("kr-without-initiative")
    assert all(RULES[e.code].severity is Severity.WARNING for e in case.expected)
    root = build(case, tmp_path / "content")
    plain = _cli(root)
    assert plain.returncode == 0, plain.stdout
    assert "warning OKR506" in plain.stdout
    strict = _cli(root, "--strict")
    assert strict.returncode == 1, strict.stdout
    clean = _cli(shutil.copytree(BASE, tmp_path / "clean"), "--strict")
    assert clean.returncode == 0, clean.stdout


@pytest.mark.parametrize("word, hint", [("donee", "write `{score: 1.0, reason: …}`"), ("defered", "did you mean `deferred`?"),
                                        ("cancelled", "did you mean `dropped`?"), ("NA", "did you mean `n/a`?")])
def test_a_nonsense_result_word_gets_a_hint(tmp_path: Path, word: str, hint: str) -> None:
    """A retro `status:` word that is not one of the five (the case retro-status-typo) names the nearest
    word, or says what to write for words teams use (`done` is a score, `cancelled` is dropped)."""
    root = build(load_case("retro-status-typo"), tmp_path / "content")
    path = root / "retros/2026-Q3/product.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: donee", f"status: {word}"), encoding="utf-8")
    (diag,) = [d for _, d in check(root)]
    assert diag.code == "OKR104" and hint in diag.hint and "allowed: deferred, blocked, wip, dropped, n/a" in diag.hint


ISSUE9_RULES = ("OKR212", "OKR213", "OKR214", "OKR311", "OKR312", "OKR313", "OKR314", "OKR315",
                "OKR511", "OKR512", "OKR513", "OKR514")  # design §21.2


def test_every_rule_of_issue_9_has_a_bad_file_case() -> None:
    """The design's new rule codes exist and each is expected by a case (beside the catch-all above)."""
    covered = {e.code for name in CASE_NAMES for e in load_case(name).expected}
    assert [c for c in ISSUE9_RULES if c not in RULES or c not in covered] == []
