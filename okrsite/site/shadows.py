"""A contributor's file must never take the place of a file okrsite writes: `content/assets/okrsite/okrsite.js`
would run on every page in place of okrsite's script, a hand-written `content/periods.md` or `feeds/all.xml`
would be replaced without a word. Both are errors (OKR023) naming the two files, found here for the plugin
(with MkDocs's own output paths) and for `okrsite check` (with the content directory's files).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..diagnostics.diagnostic import Diagnostic, Location, Severity, display_path
from ..model.organization import Organization
from ..source.paths import CONFIG_FILE, DATA_DIRS
from . import urls

CODE = "OKR023"
OWN_ASSETS = ("assets/okrsite/okrsite.css", "assets/okrsite/okrsite.js")


def output_path(src_uri: str, use_directory_urls: bool = True) -> str:
    """The file MkDocs writes for a source path (a page `x.md` -> `x/index.html`; other files keep theirs)."""
    if not src_uri.endswith(".md"):
        return src_uri
    if src_uri == "README.md" or src_uri.endswith("/README.md"):  # MkDocs reads README.md as index.md
        src_uri = src_uri[: -len("README.md")] + "index.md"
    url = urls.to_url(src_uri, use_directory_urls)
    return url + "index.html" if url == "" or url.endswith("/") else url


def generated_outputs(org: Organization, lang: str, use_directory_urls: bool = True) -> dict[str, str]:
    """Output path -> what okrsite writes there: its pages (but the home page, which a hand-written
    index.md extends), its script and styles, and its feeds."""
    from .pages import layout  # page work: `okrsite check` needs it only for a suspect file

    out = {output_path(spec.src_uri, use_directory_urls): spec.src_uri
           for spec in layout(org, lang) if not spec.extends_page}
    out.update({path: path for path in OWN_ASSETS})
    out[urls.FEED] = urls.FEED
    for unit in {log.unit.id for log in org.logs} | {r.unit.id for r in org.retros}:
        out[urls.unit_feed(unit)] = urls.unit_feed(unit)
    return out


def shadow_problems(generated: dict[str, str], content: Iterable[tuple[str, str]]) -> list[Diagnostic]:
    """OKR023 for every contributor file whose output path is one okrsite writes.
    `content` holds (output path, the file as shown to the reader) pairs."""
    out = []
    for dest, shown in content:
        own = generated.get(dest)
        if own is not None:
            out.append(Diagnostic(
                CODE, Severity.ERROR,
                f"this file would replace okrsite's generated {own} (both are written to {dest})",
                Location(shown, 0, 0),
                "rename or move the file; extend okrsite's styles with extra_css and its templates in custom_dir"))
    return out


def possible_outputs(org: Organization, use_directory_urls: bool = True) -> set[str]:
    """Every output path `generated_outputs` could hold, cheaply: the same address scheme (site/urls.py)
    applied to every period, unit and objective of the whole organization, a superset of what the
    audience's layout holds (its periods, units and objectives are some of these; the home page is
    left out, as there: a hand-written index.md extends it). Working out which of
    them the layout really holds means building the audience's view (page work, seconds at 2,000 units);
    this set says when that is needed at all."""
    pages = [urls.PERIODS, urls.UNITS, urls.PEOPLE, urls.LEARNINGS, urls.WINS, urls.RETROS, urls.KPIS_PAGE]
    for pid in org.periods:
        pages += [urls.period_uri(pid), urls.cascade_uri(pid), urls.statuses_uri(pid), urls.learnings_uri(pid),
                  urls.wins_uri(pid), urls.retro_uri(pid)]
        pages += [urls.retro_uri(pid, uid) for uid in org.units]
    pages += [urls.unit_uri(uid) for uid in org.units]
    pages += [urls.objective_uri(obj) for obj in org.objectives]
    out = {output_path(uri, use_directory_urls) for uri in pages}
    out.update(OWN_ASSETS)
    out.add(urls.FEED)
    out.update(urls.unit_feed(log.unit.id) for log in org.logs)
    out.update(urls.unit_feed(r.unit.id) for r in org.retros)
    return out


def content_shadows(org: Organization, root: Path) -> list[Diagnostic]:
    """OKR023 for `okrsite check`: the content directory's files (but its data files and okrsite.yml,
    which are not published) that okrsite's own output would meet, with the usual directory URLs.
    The page layout is worked out only when a file meets a path it could hold (`possible_outputs`):
    a clean repository never pays for it, and a suspect one gets exactly the plugin's answer."""
    files = [rel for rel in org.files
             if rel != CONFIG_FILE and not (rel.split("/", 1)[0] in DATA_DIRS and "/" in rel)]
    possible = possible_outputs(org)
    suspects = [(dest, rel) for rel in files if (dest := output_path(rel)) in possible]
    if not suspects:
        return []
    return shadow_problems(generated_outputs(org, org.settings.language),
                           [(dest, display_path(root / rel)) for dest, rel in suspects])
