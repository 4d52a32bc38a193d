"""The id rules (source/ids.py): which ids may become file names, checked against what okrsite
really writes (pages, charts, feeds), and as a property over generated ids."""

from __future__ import annotations

import os
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrsite.charts.data import ChartData
from okrsite.charts.publish import plan
from okrsite.site import urls
from okrsite.site.pages import layout
from okrsite.source.ids import (
    MAX_ID_BYTES,
    NAME_MAX,
    OUTPUT_SUFFIXES,
    RESERVED,
    case_collisions,
    id_problem,
    text_problems,
)


def _ids(org) -> set[str]:
    found = set(org.units) | set(org.periods)
    for obj in org.objectives:
        found |= {obj.slug, *(kr.id for kr in obj.key_results)}
    return found


@pytest.fixture(scope="module")
def outputs(sample_org):
    """(page source paths, chart file paths) of the sample site, as the site and charts name them."""
    pages = [spec.src_uri for spec in layout(sample_org, "en")]
    files = plan(ChartData(sample_org, "en"), interactive=False, png="all", dark_files=True).paths
    return pages, sorted(files)  # every kind of file publish can write (test_chart_files.py: the same)


def _substituted(path: str, ids: set[str], candidates: set[str]):
    """(candidate, path with one id component replaced by it) for every id component of `path`."""
    parts = path.split("/")
    for i, part in enumerate(parts):
        stem, dot, ext = part.partition(".")
        if stem in ids:
            for name in candidates - {stem}:
                yield name, "/".join([*parts[:i], name + dot + ext, *parts[i + 1:]])


def test_the_reserved_names_are_exactly_those_that_would_replace_a_generated_page(sample_org, outputs):
    """Derived from the pages (site/pages.py, site/urls.py) and charts the sample site has: an id
    replaced by another name collides when the address it then gets is one okrsite generates."""
    pages, charts = outputs
    page_urls = {urls.to_url(p) for p in pages}
    ids = _ids(sample_org)
    candidates = {part.partition(".")[0] for path in [*pages, *charts] for part in path.split("/")} - ids
    needed = set()
    for path in pages:
        needed |= {name for name, other in _substituted(path, ids, candidates)
                   if urls.to_url(other) in page_urls and urls.to_url(other) != urls.to_url(path)}
    chart_set = set(charts)
    for path in charts:
        needed |= {name for name, other in _substituted(path, ids, candidates) if other in chart_set}
    assert needed == set(RESERVED)
    assert all(id_problem(name, "unit id").code == "OKR221" for name in needed)
    assert all(id_problem(name.upper(), "period").code == "OKR221" for name in needed)  # any case


def test_the_longest_suffix_is_the_one_okrsite_appends(sample_org, outputs):
    """Every output file is `<id>` or `<id><suffix>` with a suffix of OUTPUT_SUFFIXES; the
    length limit leaves room for the longest."""
    pages, charts = outputs
    ids = _ids(sample_org)
    names = [part for path in charts for part in path.split("/")]
    names += [part for p in pages for part in urls.to_url(p, use_directory_urls=False).split("/")]
    names += [part for p in pages for part in p.split("/")] + [f"{u}.xml" for u in sample_org.units]  # feeds
    tails = {name[len(stem):] for name in names for stem in [name.partition(".")[0]] if stem in ids}
    assert tails - {""} <= set(OUTPUT_SUFFIXES), tails - set(OUTPUT_SUFFIXES)
    assert ".dark.svg" in tails and ".dark.png" in tails  # the longest ones okrsite writes today
    assert MAX_ID_BYTES == NAME_MAX - len(".dark.svg") == NAME_MAX - len(".dark.png")
    assert urls.unit_feed("x") == "feeds/units/x.xml"


@pytest.mark.parametrize(("value", "code", "words"), [
    ("2026-Q4\n", "OKR220", "U+000A"),
    ("2026-Q4\r", "OKR220", "U+000D"),
    ("team\u202egnp", "OKR220", "U+202E"),
    ("te\u200bam", "OKR220", "U+200B"),
    ("２０２６-Q4", "OKR220", "`2026-Q4`"),
    ("ｐｒｏｄｕｃｔ", "OKR220", "`product`"),
    ("ﬁnance", "OKR220", "`finance`"),  # a ligature: NFKC-unstable
    ("../etc", "OKR220", "plain name"),
    ("a\\b", "OKR220", "plain name"),
    ("team.", "OKR220", "dot"),
    ("con", "OKR220", "device"), ("NUL", "OKR220", "device"), ("Com1", "OKR220", "device"),
    ("lpt9", "OKR220", "device"), ("aux.md", "OKR220", "device"), ("prn.tar.gz", "OKR220", "device"),
    ("index", "OKR221", "generates"), ("Index", "OKR221", "generates"), ("current", "OKR221", "generates"),
    ("s" * 248, "OKR223", "246"), ("k" * 300, "OKR223", "255"),
])
def test_unsafe_ids_are_refused_with_a_reason(value: str, code: str, words: str):
    problem = id_problem(value, "unit id")
    assert problem is not None and problem.code == code
    assert words in problem.message + problem.hint


@pytest.mark.parametrize("value", ["product", "2026-Q4", "FY27-H1", "a", "s" * MAX_ID_BYTES, "com10", "console",
                                   "lpt", "index-team", "currently", "nul_team"])
def test_ordinary_ids_pass(value: str):
    assert id_problem(value, "unit id") is None


def test_a_key_result_may_be_named_like_a_page_but_not_a_device():
    assert id_problem("index", "key result id", reserved=False) is None
    assert id_problem("con", "key result id", reserved=False).code == "OKR220"


def test_a_hand_written_page_may_have_a_fullwidth_name_but_not_an_invisible_one():
    """Pages are copied under their own names; only what no file system keeps as written is refused."""
    assert id_problem("ＯＫＲガイド.md", "file name", generated=False) is None
    assert id_problem("s" * 250 + ".md", "file name", generated=False) is None
    assert id_problem("guide\u200b.md", "file name", generated=False).code == "OKR220"
    assert id_problem("con.md", "file name", generated=False).code == "OKR220"
    assert id_problem("ＯＫＲ", "unit id").code == "OKR220"  # an id is one name however it is typed


def test_the_checks_are_linear_on_megabytes():
    """Front matter may hold megabytes (a 20 MB file is handled well): no per-character Python loop."""
    big = "あ" * 3_000_000
    started = time.perf_counter()
    found = list(text_problems({"title": big + "\u202e", "note": big + "\0"}))
    problem = id_problem(big, "key result id", reserved=False)
    assert time.perf_counter() - started < 1.0
    assert [code for _, _, code, _ in found] == ["OKR120", "OKR121"]
    assert problem.code == "OKR223" and "9000000 bytes" in problem.message


def test_case_collisions_are_found_once_per_pair():
    found = list(case_collisions(["About.md", "about.md", "docs/A/x.md", "docs/a/y.md", "docs/a/z.md", "b.md"]))
    assert found == [("about.md", "About.md"), ("docs/a", "docs/A")]


# --- property: accepted ids are safe file names everywhere, refused ones get a reason ------------

_HOSTILE = st.sampled_from(list("\n\r\t\0\x1b\x7f\u0085\u202a\u202e\u2066\u200b\u200d\ufeff\u00ad/\\:*?\"<>|. "
                                "０９ＡｚⅣ①ﬁ\u0301é"))
IDS = st.one_of(
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_"), min_size=1, max_size=300),
    st.text(st.one_of(st.sampled_from("abcQ0123456789-_"), _HOSTILE), min_size=1, max_size=20),
    st.sampled_from(["con", "CON", "nul.txt", "com1", "lpt9.md", "index", "current", "aux"]),
    st.text(min_size=1, max_size=30),
)
_DEVICES = {"con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in "123456789")}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=IDS)
def test_accepted_ids_are_safe_file_names_and_refused_ones_say_why(value: str, tmp_path: Path):
    problem = id_problem(value, "unit id")  # never raises
    if problem is not None:
        assert problem.code in ("OKR220", "OKR221", "OKR223")
        assert problem.message and problem.hint
        assert "\n" not in problem.message  # a message is one line, whatever the id holds
        return
    # Linux: no '/', no NUL, fits with the longest suffix; Windows: no reserved characters, device
    # names or trailing dot/space; macOS: stable under normalization; everywhere: nothing invisible
    assert "/" not in value and "\0" not in value and value not in (".", "..")
    assert not set(value) & set('<>:"|?*\\')
    assert value[-1] not in ". " and value.split(".")[0].casefold() not in _DEVICES
    assert unicodedata.normalize("NFKC", value) == value == unicodedata.normalize("NFC", value)
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp") for c in value)
    assert value.casefold() not in RESERVED
    longest = value + max(OUTPUT_SUFFIXES, key=len)
    assert len(longest.encode("utf-8")) <= NAME_MAX
    (tmp_path / longest).write_bytes(b"x")  # the file system takes the name and gives it back as it is
    assert longest in os.listdir(tmp_path)
    (tmp_path / longest).unlink()


UNIT = "---\nname: Team\nkind: team\nparent: acme\n---\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=IDS.filter(lambda n: "/" not in n and "\0" not in n and n not in (".", "..")
                       and len((n + ".md").encode("utf-8", "surrogatepass")) <= NAME_MAX
                       and not any(0xD800 <= ord(c) <= 0xDFFF for c in n)))
def test_any_unit_file_name_is_read_or_refused_with_a_rule_code(name: str, tmp_path_factory):
    """Through the whole check: a generated file name never raises and never reaches the model unsafe."""
    from okrsite.resolve.pipeline import load_organization

    root = tmp_path_factory.mktemp("ids")
    (root / "units").mkdir()
    (root / "units/acme.md").write_text("---\nname: Acme\nkind: company\n---\n", encoding="utf-8")
    (root / "units" / f"{name}.md").write_text(UNIT, encoding="utf-8")
    org = load_organization(root)
    codes = {d.code for d in org.diagnostics if d.severity.value == "error"}
    assert "OKR000" not in codes
    if name.startswith("."):
        return  # a dot file is ignored, as editors' files are
    if name in org.units:
        assert id_problem(name, "unit id") is None and not codes
    else:
        assert codes & {"OKR007", "OKR220", "OKR221", "OKR223"}, (name, codes)
