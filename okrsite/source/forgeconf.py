"""okrsite.yml's `forge`: where "comment / suggest a change" links lead (docs/configuration.md).

Checked here by hand rather than by pydantic alone, so that every mistake in it is one rule, OKR317,
at its key's file:line:column: a link built from these settings is put in front of every reader.
site/forge.py builds the links from the checked values.
"""

from __future__ import annotations

import re
import string
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field

from ..diagnostics.diagnostic import Diagnostic, Severity
from ..diagnostics.suggest import close_hint
from .documents import Strict
from .yaml import SourceFile

KINDS = ("github", "gitlab")
PLACEHOLDERS = ("title", "body", "path", "branch")
_UNSAFE = re.compile(r"[\x00-\x20\x7f\\<>\"'`]")  # no spaces, controls, quotes or backslashes in an address
_UNSAFE_PATH = re.compile(r"[\x00-\x1f\x7f\\]")  # a folder may hold spaces (encoded in links), not controls
_BRANCH = re.compile(r"^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]{1,200}$")


class ForgeSettings(Strict):
    """The company's git host, for the links that open a pre-filled issue or an edit of the file."""

    kind: str | None = Field(None, description="github | gitlab: builds both links from repo_url.")
    repo_url: str | None = Field(None, description="The repository's https address, e.g. https://github.com/acme/okrs.")
    branch: str = Field("main", description="The branch pull requests edit.")
    content_path: str = Field("content", description="Where okrsite.yml's folder is in the repository ('' = its root).")
    issue_url: str | None = Field(None, description="A template of the new-issue address with {title} and {body}; "
                                  "overrides kind's.")
    edit_url: str | None = Field(None, description="A template of the edit-file address with {path} (and {branch}); "
                                 "overrides kind's.")


def _http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not _UNSAFE.search(url)


def _template_problem(text: str) -> str | None:
    if not _http(text.replace("{", "").replace("}", "")):
        return "is not an http(s) address"
    try:
        names = [name for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        return f"has a broken placeholder ({exc})"
    unknown = [n for n in names if n not in PLACEHOLDERS]
    return f"has the unknown placeholder `{{{unknown[0]}}}`" if unknown else None


def _problems(raw: dict, src: SourceFile) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def bad(key: str, message: str, hint: str, at_key: bool = False) -> None:
        out.append(Diagnostic("OKR317", Severity.ERROR, message, src.loc(("forge", key), key=at_key), hint))

    for key, value in raw.items():
        if key not in ForgeSettings.model_fields:
            bad(key, f"forge has no setting `{key}`",
                close_hint(str(key), list(ForgeSettings.model_fields)) or "forge's settings: "
                + ", ".join(ForgeSettings.model_fields), at_key=True)
        elif not isinstance(value, str) or (not value.strip() and key != "content_path"):
            bad(key, f"forge.{key} must be text", "quote it, e.g. `branch: \"main\"`")
    if out:
        return out
    kind, repo, branch, content = raw.get("kind"), raw.get("repo_url"), raw.get("branch"), raw.get("content_path")
    if kind is not None and kind not in KINDS:
        bad("kind", f"forge.kind `{kind}` is not a forge okrsite knows", close_hint(kind, list(KINDS))
            or "write `github` or `gitlab`, or give `issue_url` and `edit_url` templates")
    if repo is not None and not _http(repo):
        bad("repo_url", f"forge.repo_url `{repo}` is not an http(s) address", "e.g. https://github.com/acme/okrs")
    elif repo is not None and (urlsplit(repo).query or urlsplit(repo).fragment):
        bad("repo_url", "forge.repo_url has a query or fragment", "give the repository's address only")
    if kind is not None and repo is None and not (raw.get("issue_url") and raw.get("edit_url")):
        bad("kind", f"forge.kind is {kind} but no repo_url is given", "add repo_url: https://…/your-okrs")
    if repo is not None and kind is None and not (raw.get("issue_url") and raw.get("edit_url")):
        bad("repo_url", "forge.repo_url is given without forge.kind", "add kind: github (or gitlab)")
    if branch is not None and not _BRANCH.match(branch):
        bad("branch", f"forge.branch `{branch}` is not a branch name", "e.g. main")
    if content is not None and (content.startswith("/") or ".." in content.split("/") or _UNSAFE_PATH.search(content)):
        bad("content_path", f"forge.content_path `{content}` is not a path inside the repository",
            "a relative folder such as `content`, or '' for the repository's root")
    for key in ("issue_url", "edit_url"):
        problem = _template_problem(raw[key]) if raw.get(key) is not None else None
        if problem:
            bad(key, f"forge.{key} {problem}", "an https address using " + ", ".join(f"{{{p}}}" for p in PLACEHOLDERS))
    return out


def forge_settings(raw: Any, src: SourceFile) -> tuple[ForgeSettings | None, list[Diagnostic]]:
    """The checked forge settings (None when unset or wrong: then no links are shown) and the problems."""
    if raw is None:
        return None, []
    if not isinstance(raw, dict):
        return None, [Diagnostic("OKR317", Severity.ERROR, "forge must be a mapping of settings",
                                 src.loc(("forge",)), "e.g. forge: {kind: github, repo_url: https://github.com/acme/okrs}")]
    problems = _problems(raw, src)
    if problems:
        return None, problems
    if not raw:
        return None, []
    return ForgeSettings.model_validate(raw), []
