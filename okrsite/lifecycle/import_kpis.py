"""`okrsite import kpis FILE.csv`: KPI values from a BI tool or spreadsheet, written as ordinary
check-in files (docs/kpis.md).

Each (unit, day) of the CSV becomes one new check-in `logs/<period>/<unit>/<date>-kpis.md` holding
only `kpis:`; the write goes through source/safewrite.py (all or nothing, never over a file). A row
that cannot be placed is reported with its line number and contributes nothing: an unknown KPI, a
date that is no date or lies in no period or after today, a value that is no number, or a day
that already has a value of that KPI.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

from ..model.kpis import Kpi
from ..model.organization import Organization
from ..model.periods import Period
from ..source.documents import DATE_RE
from ..source.paths import checkin_path
from ..text.i18n import label
from ..text.numbers import as_written
from .common import Outcome, write_new

COLUMNS = ("date", "kpi", "value")
MAX_BYTES = 20 * 1024 * 1024  # a CSV larger than this is refused before it is read
MAX_ROWS = 100_000


class KpiCsvError(ValueError):
    """The CSV as a whole cannot be used (a usage error: nothing is written)."""


@dataclass
class KpiImport(Outcome):
    refused: list[tuple[int, str]] = field(default_factory=list)  # (CSV line, why)
    rows: int = 0
    csv: str = ""  # the CSV as the messages name it


@dataclass(frozen=True)
class _Row:
    line: int
    day: dt.date
    kpi: Kpi
    value: float
    period: Period


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of the CSV; header `date,kpi,value` (more columns are ignored)."""
    if path.stat().st_size > MAX_BYTES:
        raise KpiCsvError(f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KpiCsvError(f"{path} is not UTF-8 (byte {exc.start}); save it as UTF-8 CSV") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise KpiCsvError(f"{path}: the header must name the columns date,kpi,value (missing: {', '.join(missing)})")
    reader.fieldnames = header
    rows = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            raise KpiCsvError(f"{path} has more than {MAX_ROWS} rows; split it")
        rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}))
    return rows


def find_kpi(org: Organization, ref: str) -> tuple[Kpi | None, str]:
    """A KPI by `unit/kpi`, or by a bare id that exactly one unit uses; else why not."""
    if "/" in ref:
        return org.kpis.items.get(ref), f"no KPI `{ref}`"
    found = [k for k in org.kpis.items.values() if k.id == ref]
    if len(found) == 1:
        return found[0], ""
    if found:
        return None, f"`{ref}` is a KPI of {', '.join(sorted(k.unit.id for k in found))}: write unit/{ref}"
    return None, f"no KPI `{ref}`"


def _place(org: Organization, line: int, row: dict[str, str], seen: set) -> _Row | str:
    raw_day, ref, raw_value = row.get("date", ""), row.get("kpi", ""), row.get("value", "")
    if not DATE_RE.match(raw_day):
        return f"date `{raw_day}` is not YYYY-MM-DD"
    try:
        day = dt.date.fromisoformat(raw_day)
    except ValueError:
        return f"`{raw_day}` is not a real date"
    kpi, why = find_kpi(org, ref)
    if kpi is None:
        return why
    try:
        value = float(raw_value)
    except ValueError:
        return f"value `{raw_value}` is not a number (write 1234.5, without units or thousands separators)"
    if not math.isfinite(value):
        return f"value `{raw_value}` is not a finite number"
    if day > org.today:
        return f"{day} is after today ({org.today})"
    period = org.as_written(org.scheme.containing(day))
    if period is None:
        return f"{day} lies in no period of the {org.scheme.scheme} scheme"
    if (kpi.key, day) in seen or any(r.date == day for r in kpi.readings):
        return f"KPI `{kpi.key}` already has a value on {day}"
    seen.add((kpi.key, day))
    return _Row(line, day, kpi, value, period)


def _file_name(root: Path, planned: dict[str, str], period: Period, unit: str, day: dt.date) -> str:
    """`<date>-kpis.md`, or `-kpis-2`, … when that name is taken: never an existing file."""
    n = 1
    while True:
        rel = checkin_path(period.id, unit, day, "kpis" if n == 1 else f"kpis-{n}")
        if rel not in planned and not (root / rel).exists():
            return rel
        n += 1


def _document(author: str, rows: list[_Row], source: str, lang: str) -> str:
    lines = ["---", f"date: {rows[0].day.isoformat()}", f"author: {author}", "kpis:"]
    lines += [f"  {r.kpi.id}: {as_written(r.value)}" for r in rows]
    return "\n".join([*lines, "---", label("kpi_imported", lang, file=source), ""])


def import_kpis(org: Organization, root: Path, csv_path: Path, author: str) -> KpiImport:
    """Place every row, then write the files of the placed ones (all or none)."""
    out = KpiImport(org, root, csv=str(csv_path))
    if out.failed:
        return out
    groups: dict[tuple[str, str, dt.date], list[_Row]] = {}
    seen: set = set()
    for line, row in read_rows(csv_path):
        out.rows += 1
        placed = _place(org, line, row, seen)
        if isinstance(placed, str):
            out.refused.append((line, placed))
            continue
        groups.setdefault((placed.period.id, placed.kpi.unit.id, placed.day), []).append(placed)
    files: dict[str, str] = {}
    for (_, unit, day), rows in sorted(groups.items(), key=lambda kv: (kv[0][2], kv[0][1])):
        files[_file_name(root, files, rows[0].period, unit, day)] = _document(author, rows, csv_path.name, org.settings.language)
    write_new(out, files)
    return out


def run_import(root: Path, csv_path: Path, author: str, today: dt.date) -> KpiImport:
    """Load the content (errors stop the import), then import; usage problems raise click errors."""
    import click

    from ..resolve.pipeline import load_organization
    from ..source.ids import id_problem
    from ..source.safewrite import WriteFailed

    problem = id_problem(author, "person id")
    if problem is not None:
        raise click.UsageError(f"--author: {problem.message}")
    try:
        return import_kpis(load_organization(root, today), root, csv_path, author)
    except KpiCsvError as exc:
        raise click.UsageError(str(exc)) from None
    except (OSError, WriteFailed) as exc:
        click.echo(f"okrsite import kpis: cannot write: {exc}; nothing was written", err=True)
        raise SystemExit(2) from None


def echo_import(out: KpiImport, today: dt.date) -> int:
    """Print the refused rows (stderr, `FILE.csv:LINE: why`) and what was written; the exit status."""
    import click

    from .common import echo_outcome

    status = echo_outcome(out, today)
    if out.failed:
        return status
    for line, why in out.refused:
        click.echo(f"{out.csv}:{line}: not imported: {why}", err=True)
    click.echo(f"{out.rows - len(out.refused)} of {out.rows} rows imported")
    return 1 if out.refused or status else 0
