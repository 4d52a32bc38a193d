"""`okrsite init`: a company's new OKR repository, written from the files under okrsite/scaffold/.

Every file under scaffold/ is written, so a file added there (the workflows under
scaffold/github/) arrives in every new repository without a change here:

- `scaffold/lang/<lang>/X` becomes `X` for the chosen language only (mkdocs.yml, content/);
- any other `scaffold/X` becomes `.X` (`github/workflows/…` → `.github/workflows/…`,
  `gitignore` → `.gitignore`): dot-files are not reliably shipped as package data.

Files under `github/` are copied byte for byte (workflows hold `${{ … }}` expressions of their
own); every other file is a `string.Template` filled with the name, language, period and dates,
as are the `${period}` and `${checkin}` parts of paths. Nothing existing is ever overwritten:
when any target exists, nothing is written at all.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from string import Template

from .. import __version__
from ..model.periods import PeriodScheme

SCAFFOLD = Path(__file__).resolve().parents[1] / "scaffold"
LANGS = ("ja", "en")
VERBATIM = "github"  # copied unchanged (the other top-level entries are rendered)
DEFAULT_NAME = {"ja": "サンプル株式会社", "en": "Example Company"}
PORTAL = {"ja": "{name} OKRポータル", "en": "{name} OKRs"}
FALLBACK_REPO = "https://github.com/okrsite/okrsite"


class TargetsExist(Exception):
    """Some of the files `okrsite init` would write are already there: nothing was written."""

    def __init__(self, existing: list[str]) -> None:
        super().__init__(", ".join(existing))
        self.existing = existing


@dataclass(frozen=True)
class Scaffold:
    lang: str
    name: str
    today: dt.date

    def values(self) -> dict[str, str]:
        period = PeriodScheme().containing(self.today)
        assert period is not None  # quarters cover every day
        return {
            "name": self.name,
            "name_yaml": json.dumps(self.name, ensure_ascii=False),  # a JSON string is a YAML scalar
            "name_yaml_portal": json.dumps(PORTAL[self.lang].format(name=self.name), ensure_ascii=False),
            "lang": self.lang,
            "period": period.id,
            "checkin": self.today.isoformat(),
            "version": __version__,
            "okrsite_repo": okrsite_repository(),
        }

    def files(self) -> dict[str, bytes]:
        """{path relative to the new repository: content} of every file to write."""
        values = self.values()
        out: dict[str, bytes] = {}
        for src in sorted(p for p in SCAFFOLD.rglob("*") if p.is_file() and _shipped(p)):
            rel = PurePosixPath(src.relative_to(SCAFFOLD).as_posix())
            target = _target(rel, self.lang)
            if target is None:
                continue
            data = src.read_bytes()
            if rel.parts[0] != VERBATIM:
                target = Template(target).substitute(values)
                data = Template(data.decode("utf-8")).substitute(values).encode("utf-8")
            out[target] = data
        return out


def _shipped(path: Path) -> bool:
    return "__pycache__" not in path.parts and path.suffix not in (".pyc", ".py")


def _target(rel: PurePosixPath, lang: str) -> str | None:
    """Where a scaffold file goes in the new repository (None: another language's)."""
    if rel.parts[0] == "lang":
        return PurePosixPath(*rel.parts[2:]).as_posix() if len(rel.parts) > 2 and rel.parts[1] == lang else None
    return "." + rel.as_posix()


def okrsite_repository() -> str:
    """okrsite's source repository, from the package's Project-URLs (pyproject.toml is its one home)."""
    from importlib import metadata

    try:
        urls = metadata.metadata("okrsite").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return FALLBACK_REPO
    found = dict(u.split(", ", 1) for u in urls if ", " in u)
    return found.get("Source", FALLBACK_REPO)


def _blocked(target: Path, rel: str) -> bool:
    """The file exists, or something that is not a directory stands where a directory must be."""
    path = target / rel
    return path.exists() or any(p.exists() and not p.is_dir() for p in path.parents)


def init_repository(target: Path, lang: str, name: str | None, today: dt.date) -> list[str]:
    """Write the scaffold into `target`; the paths written. Raises TargetsExist (nothing written)."""
    files = Scaffold(lang, name or DEFAULT_NAME[lang], today).files()
    existing = [rel for rel in files if _blocked(target, rel)]
    if existing:
        raise TargetsExist(existing)
    for rel, data in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return list(files)
