"""The per-audience leak scan (docs/audiences.md): the marker organization of audience_org.py built
for the public and the internal audience, and exported for them; every output byte (every file of
the site and of the exports, and every file name) is searched for the markers above the audience.
Zero hits; and every marker the audience may read is found somewhere, so the scan can fail."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from okrsite.cli import main
from tests.audience_org import CONF_VALUE, markers, write_content
from tests.sitebuild import CHART_CACHE, build_site

BASE = """site_name: Audiences
site_url: https://okr.example/
docs_dir: content
theme: {{name: material, language: en, font: false}}
plugins:
  search: {{}}
  okrsite:
    charts: {{cache_dir: {cache}}}
markdown_extensions: [attr_list, md_in_html, tables, admonition]
"""
# one build per audience, as docs/audiences.md shows: a file that inherits the shared one
PER_AUDIENCE = "INHERIT: mkdocs.yml\nplugins:\n  okrsite:\n    audience: {audience}\n"
TODAY = "2026-11-24"
ABOVE = {"public": ("leak-int-", "leak-conf-"), "internal": ("leak-conf-",)}
SHOWN = {"public": ("pub",), "internal": ("pub", "int")}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("audiences")
    write_content(root / "content")
    (root / "content" / "index.md").write_text("# Audiences\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(BASE.format(cache=CHART_CACHE), encoding="utf-8")
    for audience in ABOVE:
        (root / f"mkdocs.{audience}.yml").write_text(PER_AUDIENCE.format(audience=audience), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def outputs(project) -> dict[str, Path]:
    """audience -> a folder holding its site (site/) and its exports (data/, charts/)."""
    out = {}
    for audience in ABOVE:
        folder = project / "out" / audience
        build_site(project / f"mkdocs.{audience}.yml", folder / "site", TODAY)
        runner = CliRunner()
        for args in (["export", "data", str(project / "content"), "--out", str(folder / "data")],
                     ["export", "charts", str(project / "content"), "--out", str(folder / "charts"),
                      "--cache", str(CHART_CACHE)]):
            result = runner.invoke(main, [*args, "--today", TODAY, "--audience", audience])
            assert result.exit_code == 0, result.output
        out[audience] = folder
    return out


def _png_text(data: bytes) -> bytes:
    """The text chunks of a PNG (tEXt, zTXt, iTXt), decompressed: metadata a scan of raw bytes could miss."""
    out, pos = [], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"tEXt":
            out.append(chunk)
        elif kind == b"zTXt":
            out.append(zlib.decompress(chunk.split(b"\0", 1)[1][1:]))
        elif kind == b"iTXt":
            out.append(chunk)
        pos += 12 + length
    return b"\n".join(out)


def scanned(folder: Path) -> dict[str, bytes]:
    """Every output byte, by file: its name (the path is output too) and its content, in lower case."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".png":
            data += b"\n" + _png_text(data)
        rel = path.relative_to(folder).as_posix()
        out[rel] = (unquote(rel) + "\n").encode() + data.lower()
    return out


def leaks(files: dict[str, bytes], audience: str) -> dict[str, set[str]]:
    """file -> the markers above `audience` found in it (and the confidential KR's value, written or formatted)."""
    needles = [re.escape(p.encode()) + rb"[a-z0-9]+" for p in ABOVE[audience]]
    needles += [CONF_VALUE.encode(), f"{int(CONF_VALUE):,}".encode()]
    found: dict[str, set[str]] = {}
    for rel, data in files.items():
        for needle in needles:
            for hit in re.findall(needle, data):
                found.setdefault(rel, set()).add(hit.decode())
    return found


@pytest.mark.parametrize("audience", list(ABOVE))
def test_nothing_above_the_audience_is_in_any_output_byte(outputs, audience):
    files = scanned(outputs[audience])
    kinds = {Path(rel).suffix for rel in files}
    # the scan sees every kind of output: pages, search index, sitemap, feeds, charts, specs, badges, exports
    assert {".html", ".json", ".xml", ".svg", ".png", ".csv", ".gz"} <= kinds, kinds
    assert any(rel.endswith("search/search_index.json") for rel in files)
    assert leaks(files, audience) == {}
    print(f"{audience}: {len(files)} files, {sum(len(d) for d in files.values())} bytes scanned, 0 hits")


@pytest.mark.parametrize("audience", list(ABOVE))
def test_what_the_audience_may_read_is_there(outputs, audience):
    """The control: every marker at or below the audience appears somewhere (a scan of an empty or
    broken build would find nothing above the audience either)."""
    text = b"\n".join(scanned(outputs[audience]).values())
    expected = set().union(*(markers(t) for t in SHOWN[audience]))
    missing = {m for m in expected if m.encode() not in text}
    assert missing == set()
    assert CONF_VALUE.encode() not in text


def test_the_confidential_build_shows_everything(project, tmp_path):
    """The markers are real: a build for the confidential audience holds the ones the others leave out."""
    (project / "mkdocs.confidential.yml").write_text(PER_AUDIENCE.format(audience="confidential"), encoding="utf-8")
    site = build_site(project / "mkdocs.confidential.yml", tmp_path / "site", TODAY)
    files = scanned(site)
    text = b"\n".join(files.values())
    for m in ("leak-conf-krtitle", "leak-conf-note", "leak-conf-reason", "leak-conf-win", "leak-conf-retrobody",
              "leak-conf-teamname", "leak-int-note", "leak-int-learning"):
        assert m.encode() in text, m
    assert leaks(files, "internal")  # the scan finds what is there


def _targets(site: Path) -> list[tuple[str, str]]:
    """(page, link) of every relative href and src of every HTML file."""
    out = []
    for page in sorted(site.rglob("*.html")):
        url = page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "img", "script", "iframe", "source", "object", "embed"]):
            for attr in ("href", "src", "data"):
                link = tag.get(attr)
                if link and not urlsplit(link).scheme and not link.startswith(("//", "#")):
                    out.append((url, link))
    return out


def _exists(site: Path, page: str, link: str) -> bool:
    """Whether a link resolves to a file of the site (absolute paths, as 404.html writes them, from its root)."""
    path = unquote(urlsplit(urljoin("/" + page, link)).path).lstrip("/")
    target = site / path
    return (target / "index.html").is_file() if not path or path.endswith("/") or target.is_dir() else target.is_file()


@pytest.mark.parametrize("audience", list(ABOVE))
def test_no_link_points_at_a_page_the_build_left_out(outputs, audience):
    site = outputs[audience] / "site"
    links = _targets(site)
    assert len(links) > 200  # every page links the navigation, assets and its OKRs
    dangling = sorted({(page, link) for page, link in links if not _exists(site, page, link)})
    assert dangling == []
