"""The benchmark's synthetic organization: valid, deterministic, the requested size, and rendered
into a correct cascade at a scale of hundreds of units (through the core, without MkDocs).

The expected cascade is computed from the generated files' `aligns_to`, not from okrsite's model.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from bench.generate import TODAY, generate
from okrsite.cli import main as cli
from okrsite.resolve.pipeline import load_organization
from okrsite.site.pages import layout
from okrsite.site.templates import Renderer, environment
from okrsite.site.view import SiteView

PERIOD = "2026-Q4"


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text[4:text.index("\n---\n", 4)])


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("small")
    generate(root / "content", units=40, seed=7)
    return root


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("large")
    generate(root / "content", units=300, seed=3)
    return root


# --- the small organization ------------------------------------------------------------------------

def test_small_org_passes_check_without_any_diagnostic(small):
    org = load_organization(small / "content", TODAY)
    assert [f"{d.code} {d.location}: {d.message}" for d in org.diagnostics] == []
    result = CliRunner().invoke(cli, ["check", str(small / "content"), "--today", TODAY.isoformat(), "--strict"])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_small_org_has_the_requested_units_in_a_tree(small):
    units = {p.stem: front_matter(p) for p in (small / "content" / "units").glob("*.md")}
    assert len(units) == 40
    kinds = Counter(u["kind"] for u in units.values())
    assert kinds["company"] == 1 and kinds["division"] >= 1 and kinds["team"] >= 2 and kinds["person"] > 20
    for uid, unit in units.items():
        if unit["kind"] != "company":
            assert unit["parent"] in units, uid
        for pid in unit.get("owners", []) + unit.get("members", []):
            assert units[pid]["kind"] == "person"


def test_small_org_content_is_what_the_benchmark_promises(small):
    content = small / "content"
    kinds, decreasing, latest = Counter(), 0, {}
    for path in (content / "okrs" / PERIOD).glob("*/*.md"):
        doc = front_matter(path)
        assert 2 <= len(doc["key_results"]) <= 4
        served = {kr for ini in doc["initiatives"] if ini["status"] != "dropped" for kr in ini["key_results"]}
        for kr in doc["key_results"]:
            kinds[kr.get("kind", "metric")] += 1
            decreasing += isinstance(kr.get("baseline"), int | float) and kr["baseline"] > kr["target"]
            assert kr["id"] in served
            latest[(path.parent.name, kr["id"])] = None
    assert set(kinds) == {"metric", "percentage", "boolean", "milestones", "threshold"}
    assert decreasing > 0
    for path in (content / "logs" / PERIOD).glob("*/*.md"):
        doc = front_matter(path)
        for ref in doc.get("updates", {}):
            key = (path.parent.name, ref)
            latest[key] = max(filter(None, [latest.get(key), doc["date"]]))
    assert latest and all(day is not None and str(day) >= "2026-11-10" for day in latest.values())
    q3_units = {p.name for p in (content / "okrs" / "2026-Q3").iterdir()}
    assert {p.stem for p in (content / "retros" / "2026-Q3").glob("*.md")} == q3_units


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may name Python objects (the toc slugify function): read them as None."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def test_mkdocs_yml_next_to_the_content(small):
    config = yaml.load((small / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    assert config["docs_dir"] == "content"
    assert config["theme"]["name"] == "material" and config["theme"]["font"] is False
    assert config["theme"]["language"] == "ja"
    plugins = {next(iter(p)) if isinstance(p, dict) else p: p for p in config["plugins"]}
    assert plugins["search"]["search"]["lang"] == ["ja", "en"] and "okrsite" in plugins
    assert [next(iter(item.values())) for item in config["nav"]][:4] == ["index.md", "periods.md", "units.md",
                                                                          "people.md"]


def test_generation_is_deterministic(small, tmp_path):
    generate(tmp_path / "again" / "content", units=40, seed=7)
    generate(tmp_path / "other" / "content", units=40, seed=8)
    assert digest(tmp_path / "again") == digest(small)
    assert digest(tmp_path / "other") != digest(small)


def test_generate_never_overwrites_foreign_directories(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "notes.md").write_text("mine\n")
    with pytest.raises(FileExistsError):
        generate(tmp_path / "content", units=10)
    assert (tmp_path / "content" / "notes.md").read_text() == "mine\n"


# --- the cascade of a several-hundred-unit organization -----------------------------------------------

class Expected:
    """The 2026-Q4 alignment, read from the generated files."""

    def __init__(self, content: Path) -> None:
        self.objectives: dict[tuple, dict] = {}  # (unit, slug) -> front matter
        for path in sorted((content / "okrs" / PERIOD).glob("*/*.md")):
            self.objectives[(path.parent.name, path.stem)] = front_matter(path)
        self.root = next(p.stem for p in (content / "units").glob("*.md") if "parent" not in front_matter(p))
        self.aligned: dict[tuple, list[tuple]] = defaultdict(list)  # target node -> nodes aligned to it
        for (unit, slug), doc in self.objectives.items():
            items = [((unit, slug), doc.get("aligns_to"))]
            items += [((unit, slug, kr["id"]), kr.get("aligns_to")) for kr in doc["key_results"]]
            for node, ref in items:
                if ref is not None:
                    parts = ref.split("/")
                    assert len(parts) in (2, 3), ref  # the generator aligns within the period
                    self.aligned[tuple(parts)].append(node)

    def published(self, node: tuple) -> bool:
        return self.objectives[node[:2]].get("visibility", "company") != "private"

    def children(self, node: tuple) -> list[tuple]:
        """An objective's node holds its KRs that something aligns to, then what aligns to the
        objective itself; a KR's node holds what aligns to it. Private OKRs are not shown."""
        direct = [n for n in self.aligned.get(node, []) if self.published(n)]
        if len(node) == 3:
            return direct
        krs = [(*node, kr["id"]) for kr in self.objectives[node]["key_results"]]
        return [kr for kr in krs if self.children(kr)] + direct

    def orphans(self) -> set[tuple]:
        return {node for node, doc in self.objectives.items()
                if node[0] != self.root and self.published(node)
                and (doc.get("aligns_to") is None or not self.published(tuple(doc["aligns_to"].split("/"))))}


PAGE_URL = f"periods/{PERIOD}/cascade/"


def node_of(href: str) -> tuple:
    """(unit, slug) or (unit, slug, kr) from a link on the cascade page."""
    parts = urlsplit(href)
    path = posixpath.normpath(posixpath.join(PAGE_URL, parts.path)).split("/")
    assert path[:2] == ["okrs", PERIOD], href
    node = tuple(path[2:4])
    if parts.fragment:
        assert parts.fragment.startswith("kr-"), href
        node += (parts.fragment[3:],)
    return node


@pytest.fixture(scope="module")
def cascade(large):
    org = load_organization(large / "content", TODAY)
    assert [d for d in org.diagnostics] == []
    spec = next(s for s in layout(org, "ja") if s.kind == "cascade" and s.obj.id == PERIOD)
    html, toc = Renderer(environment(), SiteView(org, "ja")).render(spec, PAGE_URL)
    return BeautifulSoup(html, "html.parser"), Expected(large / "content")


def tree_nodes(soup) -> list:
    return soup.select("ul.okr-tree li.okr-node")


def own_link(li) -> str:
    return li.find("a", class_="okr-node__title")["href"]  # the summary's link comes before the children


def test_cascade_is_big_enough_to_mean_something(cascade):
    _soup, expected = cascade
    assert len(expected.objectives) > 100
    assert any(len(n) == 3 for targets in expected.aligned.values() for n in targets)  # KRs aligned to KRs
    assert any(len(t) == 3 for t in expected.aligned)  # objectives aligned to KRs
    assert any(not expected.published(n) for n in expected.objectives)  # private objectives


def test_every_published_objective_is_exactly_once_in_the_cascade(cascade):
    soup, expected = cascade
    links = Counter(node_of(own_link(li)) for li in tree_nodes(soup))
    objectives = Counter({n: c for n, c in links.items() if len(n) == 2})
    published = {n for n in expected.objectives if expected.published(n)}
    assert set(objectives) == published
    assert {n: c for n, c in objectives.items() if c != 1} == {}


def test_krs_aligned_to_krs_are_references_under_their_parent(cascade):
    soup, expected = cascade
    refs = soup.select("li.okr-node--ref")
    assert refs
    for li in refs:
        node = node_of(own_link(li))
        assert len(node) == 3 and li.find("details", recursive=False) is None
        parent = node_of(own_link(li.find_parent("li", class_="okr-node")))
        assert node in expected.aligned[parent]


def test_every_published_objective_is_in_the_cascade_and_no_private_one(cascade):
    soup, expected = cascade
    shown = {node_of(own_link(li)) for li in tree_nodes(soup)}
    assert {n for n in shown if len(n) == 2} == {n for n in expected.objectives if expected.published(n)}
    assert all(expected.published(n) for n in shown)


def test_every_node_holds_exactly_what_aligns_to_it(cascade):
    soup, expected = cascade
    nodes = tree_nodes(soup)
    assert len(nodes) > 200
    for li in nodes:
        node = node_of(own_link(li))
        children = [node_of(own_link(c)) for c in li.select(":scope > details > ul.okr-tree > li.okr-node")]
        # a KR shown under the KR it contributes to is a reference: its subtree is under its own objective
        wanted = [] if "okr-node--ref" in li["class"] else expected.children(node)
        assert sorted(children) == sorted(wanted), node
        # a node with children is collapsible; a leaf is not
        assert (li.find("details", recursive=False) is not None) == bool(children), node


def test_top_of_the_cascade_and_orphans(cascade):
    soup, expected = cascade
    tops = [node_of(own_link(li)) for li in soup.select("#okr-cascade > li.okr-node")]
    assert sorted(tops) == sorted(n for n in expected.objectives if n[0] == expected.root and expected.published(n))
    orphans = [node_of(own_link(li)) for li in soup.select("#okr-orphans > li.okr-node")]
    assert orphans and sorted(orphans) == sorted(expected.orphans())
    assert soup.find("h2", id="orphans") is not None


def test_cascade_is_collapsible_and_filterable(cascade):
    soup, _expected = cascade
    details = soup.select("ul.okr-tree li.okr-node > details")
    assert details and all(d.find("summary", recursive=False) for d in details)
    assert any(d.has_attr("open") for d in details) and any(not d.has_attr("open") for d in details)
    tools = soup.select_one(".okr-tree-tools[data-okr-tree='okr-cascade']")
    assert tools is not None and soup.find(id=tools["data-okr-tree"]) is not None
    assert tools.select_one("input.okr-tree-tools__filter") is not None
    statuses = {o["value"] for o in tools.select("select.okr-tree-tools__status option")}
    assert {"on_track", "at_risk", "off_track", "not_started"} <= statuses
    assert tools.select_one(".okr-tree-tools__expand") and tools.select_one(".okr-tree-tools__collapse")
    for li in tree_nodes(soup):  # what the filter matches on
        assert li["data-status"] in statuses and li["data-search"].strip()


# --- bench.run --tier: the pieces its figures rest on -----------------------------------------------

def test_the_floor_reads_every_file_and_parses_every_front_matter(small):
    from bench.floor import floor

    files = [p for p in (small / "content").rglob("*") if p.is_file() and not p.name.startswith(".")]
    with_front = [p for p in files if p.suffix == ".yml" or p.read_text(encoding="utf-8").startswith("---\n")]
    assert floor(str(small / "content")) == (len(files), len(with_front))


def test_the_added_check_in_is_a_valid_new_check_in_of_today(small, tmp_path):
    import shutil

    from bench.figures import add_check_in

    content = tmp_path / "content"
    shutil.copytree(small / "content", content)
    before = load_organization(content, TODAY)
    added = add_check_in(content)
    assert added.name == f"{TODAY.isoformat()}.md" and front_matter(added)["date"] == TODAY
    after = load_organization(content, TODAY)
    assert not after.diagnostics
    assert len(after.logs) == len(before.logs) + 1


def test_the_cache_key_figure_reads_the_scaffolded_workflows():
    from bench.figures import cache_key_figure

    figure = cache_key_figure()
    assert figure["keys"] and all(k.startswith("okrsite-charts-") for k in figure["keys"])
    assert figure["changes_every_push"] is False  # no commit sha or content hash in the key


@pytest.mark.parametrize("key, per_push", [
    ("okrsite-charts-${{ runner.os }}-${{ steps.install.outputs.version }}", False),
    ("okrsite-charts-${{ runner.os }}-v-${{ hashFiles('mkdocs.yml', 'theme/**') }}-${{ steps.install.outputs.week }}",
     False),
    ("okrsite-charts-${{ runner.os }}-${{ hashFiles('content/**') }}", True),
    ("okrsite-charts-${{ runner.os }}-${{ hashFiles('mkdocs.yml', 'content/**') }}", True),
    ("okrsite-charts-${{ github.sha }}", True),
    ("okrsite-charts-${{ github.run_id }}", True),
])
def test_a_cache_key_changes_every_push_when_it_names_the_commit_or_hashes_the_content(key, per_push):
    from bench.figures import changes_every_push

    assert changes_every_push(key) is per_push


def test_the_hugo_floor_holds_the_plain_sites_pages_at_their_paths(tmp_path):
    from bench.hugo import write_hugo_site

    for rel in ("index.md", "periods.md", "okrs/2026-Q4/product/grow.md", "guide/index.md"):
        (tmp_path / "plain" / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "plain" / "docs" / rel).write_text(f"# {rel}\n\n<div class=card>x</div>\n", encoding="utf-8")
    dest = tmp_path / "plain" / "hugo"
    assert write_hugo_site(tmp_path / "plain", dest) == 4
    made = sorted(p.relative_to(dest / "content").as_posix() for p in (dest / "content").rglob("*.md"))
    assert made == ["_index.md", "guide/_index.md", "okrs/2026-Q4/product/grow.md", "periods.md"]
    assert "unsafe = true" in (dest / "hugo.toml").read_text(encoding="utf-8")  # raw HTML, as MkDocs keeps it
    assert "{{ .Content }}" in (dest / "layouts" / "_default" / "single.html").read_text(encoding="utf-8")


def test_chart_cache_entries_are_counted_without_font_subsets_or_other_files(tmp_path):
    from bench.figures import cache_keys

    key = "ab" * 32
    (tmp_path / "ab").mkdir()
    (tmp_path / "ab" / f"{key}.svg").write_text("<svg/>")
    (tmp_path / "ab" / f"{key}.png").write_bytes(b"png")
    (tmp_path / "fonts" / "0123456789abcdef").mkdir(parents=True)
    (tmp_path / "fonts" / "0123456789abcdef" / "0-ipaexg.ttf").write_bytes(b"font")
    (tmp_path / "vega-bundle-1.9.js").write_text("js")
    (tmp_path / "vega" / "cd").mkdir(parents=True)  # a compiled skeleton, named by its own sha256
    (tmp_path / "vega" / "cd" / f"{'cd' * 32}.json").write_text("{}")
    assert cache_keys(tmp_path) == {key}


def test_figure_one_says_the_start_up_both_pay_beside_its_ratio():
    from bench.figures import Figures, Run, ratios

    fig = Figures("M", 200, 2, pages=10, site_bytes=3, plain_bytes=2,
                  cache_key={"keys": ["k"], "changes_every_push": False, "documented": "docs"})
    fig.runs = {k: [Run(cpu, 1.0)] for k, cpu in [
        ("check", 0.45), ("check_cold", 2.0), ("floor", 0.25), ("startup_check", 0.24), ("startup_floor", 0.04),
        ("cold", 40.0), ("warm", 20.0), ("plain", 25.0), ("rebuild", 21.0)]}
    fig.runs["startup_check"].append(Run(0.3, 1.0))  # the minimum of the runs is what counts
    text, data = ratios(fig)[0]
    assert text.startswith("1. ") and "0.45 / 0.25 s = 1.80×" in text
    assert "start-up (a one-unit organization): check 0.24 s, floor 0.04 s" in text
    assert data["ratio"] == 1.8 and data["met"] is False
    assert (data["startup_check_cpu"], data["startup_floor_cpu"]) == (0.24, 0.04)
    del fig.runs["startup_check"], fig.runs["startup_floor"]  # a figures file from before the start-up figure
    assert "start-up" not in ratios(fig)[0][0]


def test_figures_one_two_and_five_give_their_ratio_in_each_round_beside_the_smallest_runs():
    """The judged ratio divides the smallest runs; each round's own ratio shows the spread."""
    from bench.figures import Figures, Run, ratios

    fig = Figures("M", 200, 2, pages=10, site_bytes=3, plain_bytes=2,
                  cache_key={"keys": ["k"], "changes_every_push": False, "documented": "docs"})
    fig.runs = {k: [Run(cpu, 1.0) for cpu in cpus] for k, cpus in [
        ("check", [0.40, 0.33]), ("check_cold", [2.0, 2.0]), ("floor", [0.20, 0.30]), ("cold", [40.0]),
        ("warm", [10.0, 12.0]), ("plain", [11.0, 10.0]), ("rebuild", [12.0, 11.0])]}
    found = {data["figure"]: (text, data) for text, data in ratios(fig)}
    assert found["check"][1]["ratio"] == 1.65 and found["check"][1]["per_round"] == [2.0, 1.1]
    assert found["warm"][1]["per_round"] == [0.909, 1.2]
    assert found["rebuild"][1]["ratio"] == 1.1 and found["rebuild"][1]["per_round"] == [1.2, 0.917]
    assert "per round 1.20×, 0.92×" in found["rebuild"][0]
    fig.runs["rebuild"], fig.runs["warm"] = fig.runs["rebuild"][:1], fig.runs["warm"][:1]  # L: one round
    assert "per round" not in {d["figure"]: t for t, d in ratios(fig)}["rebuild"]


def test_the_start_up_is_a_one_unit_organization_checked_from_its_cache(tmp_path):
    import os
    import sys

    from bench.figures import Figures, measure_startup

    fig = Figures("S", 20, 2)
    fig.runs = {"startup_check": [], "startup_floor": []}
    check = [sys.executable, "-m", "okrsite", "check", "content", "--today", TODAY.isoformat()]
    measure_startup(fig, tmp_path / "one", check, dict(os.environ))
    assert len(fig.runs["startup_check"]) == len(fig.runs["startup_floor"]) == 3
    assert [p.name for p in (tmp_path / "one" / "content").rglob("*.md")] == ["acme.md"]
    assert list((tmp_path / "one" / ".check-cache" / "check").glob("*.pickle"))  # the runs read it
    assert all(r.cpu > 0 for r in fig.runs["startup_check"])
