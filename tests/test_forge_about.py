"""Issue 13: the forge's links (site/forge.py, source/forgeconf.py) and the diagnostics of `about`.

Expected addresses and positions are written by hand; the property tests read every address back with
urllib (not with the code that built it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrsite.model.settings import ForgeConfig
from okrsite.resolve.pipeline import load_organization
from okrsite.site.forge import edit_url, feedback, issue_url
from okrsite.source.documents import AboutItemDoc, LogDoc
from okrsite.source.forgeconf import forge_settings
from okrsite.source.yaml import SourceFile, parse_yaml

GITHUB = ForgeConfig("github", "https://github.com/acme/okrs", "main", "content", None, None)
GITLAB = ForgeConfig("gitlab", "https://gitlab.example/group/okrs", "okrs", "", None, None)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=150, deadline=None)
@given(title=TEXT, body=TEXT)
def test_issue_title_and_body_survive_any_text(title: str, body: str) -> None:
    for cfg, keys in ((GITHUB, ("title", "body")), (GITLAB, ("issue[title]", "issue[description]"))):
        url = issue_url(cfg, title, body)
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc) == ("https", urlsplit(cfg.repo_url).netloc)
        assert parts.path.endswith("/issues/new") and not parts.fragment
        query = parse_qs(parts.query, keep_blank_values=True)
        assert sorted(query) == sorted(keys)  # a `&` or `=` in the text adds no parameter
        assert query[keys[0]] == [title] and query[keys[1]] == [body]


@settings(max_examples=100, deadline=None)
@given(rel=st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12), min_size=1,
                    max_size=4).map("/".join))
def test_edit_path_is_encoded_and_kept(rel: str) -> None:
    url = edit_url(GITHUB, rel)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "github.com")
    assert not parts.query and not parts.fragment  # a `?` or `#` in a name stays in the path
    assert unquote(parts.path) == "/acme/okrs/edit/main/content/" + rel


def test_edit_urls_by_hand() -> None:
    assert edit_url(GITHUB, "okrs/2026-Q4/product/self-serve.md") == \
        "https://github.com/acme/okrs/edit/main/content/okrs/2026-Q4/product/self-serve.md"
    assert edit_url(GITLAB, "logs/2026-Q4/product/2026-11-20.md") == \
        "https://gitlab.example/group/okrs/-/edit/okrs/logs/2026-Q4/product/2026-11-20.md"
    assert edit_url(GITHUB, "okrs/2026-Q4/製品/a b.md") == \
        "https://github.com/acme/okrs/edit/main/content/okrs/2026-Q4/%E8%A3%BD%E5%93%81/a%20b.md"


def test_no_links_without_settings_or_file() -> None:
    assert feedback(None, "okrs/x.md", "t", "b") is None
    assert feedback(GITHUB, None, "t", "b") is None
    only_issue = ForgeConfig(None, None, "main", "content", "https://tracker.example/new?t={title}", None)
    links = feedback(only_issue, "okrs/x.md", "a&b", "")
    assert links is not None and links.comment == "https://tracker.example/new?t=a%26b" and links.suggest == ""


def _forge(text: str):
    located, _ = parse_yaml(text, "okrsite.yml")
    src = SourceFile("okrsite.yml", text, located, "", 1, [])
    return forge_settings(located.data.get("forge"), src)


@pytest.mark.parametrize("text, line, column, words", [
    ("forge:\n  kind: bitbucket\n  repo_url: https://x.example/a\n", 2, 9, "bitbucket"),
    ("forge:\n  kind: github\n  repo_url: 'javascript:alert(1)'\n", 3, 13, "not an http(s) address"),
    ("forge:\n  kind: github\n  repo_url: https://x.example/a?x=1\n", 3, 13, "query"),
    ("forge:\n  kind: github\n", 2, 9, "no repo_url"),
    ("forge:\n  issue_url: 'https://x.example/{title}/{user}'\n  edit_url: https://x.example/{path}\n", 2, 14, "{user}"),
    ("forge:\n  edit_url: 'javascript:{path}'\n  issue_url: https://x.example/\n", 2, 13, "not an http(s)"),
    ("forge:\n  kind: github\n  repo_url: https://x.example/a\n  branch: 'a b'\n", 4, 11, "branch"),
    ("forge:\n  kind: github\n  repo_url: https://x.example/a\n  content_path: ../etc\n", 4, 17, "inside"),
    ("forge:\n  kind: github\n  repo_url: https://x.example/a\n  repo: x\n", 4, 3, "repo_url"),
    ("forge: github\n", 1, 8, "mapping"),
])
def test_bad_forge_settings_are_okr317_at_the_key(text: str, line: int, column: int, words: str) -> None:
    forge, diags = _forge(text)
    assert forge is None
    assert diags, text
    first = diags[0]
    assert first.code == "OKR317"
    assert (first.location.line, first.location.column) == (line, column)
    assert words in first.message + first.hint


def test_good_forge_settings() -> None:
    forge, diags = _forge("forge:\n  kind: gitlab\n  repo_url: https://gitlab.example/g/okrs\n  content_path: ''\n")
    assert diags == [] and forge is not None and (forge.kind, forge.branch, forge.content_path) == ("gitlab", "main", "")


WORDS = st.text(st.characters(whitelist_categories=("L", "N", "P"), whitelist_characters=" "), min_size=1,
                max_size=20).filter(str.strip)
REFS = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,8}(/[a-z0-9][a-z0-9-]{0,8}){0,2}\Z")


@settings(max_examples=100, deadline=None)
@given(items=st.lists(st.one_of(WORDS,
                                st.fixed_dictionaries({"text": WORDS,
                                                       "about": st.one_of(REFS, st.lists(REFS, max_size=3))})),
                      max_size=5))
def test_log_items_parse_as_written(items: list) -> None:
    doc = LogDoc.model_validate({"author": "ana", "wins": items, "learnings": items})
    for parsed, raw in zip(doc.wins, items, strict=True):
        if isinstance(raw, str):
            assert parsed == raw.strip()
        else:
            assert isinstance(parsed, AboutItemDoc)
            about = raw["about"] if isinstance(raw["about"], list) else [raw["about"]]
            assert (parsed.text, parsed.about) == (raw["text"].strip(), about)


# --- diagnostics of `about` on a whole organization (one load) -----------------------------------

FILES = {
    "okrsite.yml": "language: en\nlint:\n  severity: {OKR505: off, OKR506: off, OKR509: off}\n",
    "units/acme.md": "---\nname: Acme\nkind: company\n---\n",
    "units/product.md": "---\nname: Product\nkind: team\nparent: acme\n---\n",
    "units/ana.md": "---\nname: Ana\nkind: person\nparent: product\n---\n",
    "okrs/2026-Q4/product/alpha.md": "---\ntitle: Alpha\nowner: ana\nkey_results:\n"
    "  - {id: a1, title: A1, baseline: 0, target: 10}\n  - {id: beta, title: A KR named like an objective, "
    "baseline: 0, target: 10}\n---\n",
    "okrs/2026-Q4/product/beta.md": "---\ntitle: Beta\nowner: ana\nkey_results:\n"
    "  - {id: b1, title: B1, baseline: 0, target: 10}\n  - {id: b2, title: B2, baseline: 0, target: 10}\n---\n",
    "okrs/2026-Q3/product/old.md": "---\ntitle: Old\nowner: ana\nkey_results:\n"
    "  - {id: o1, title: O1, baseline: 0, target: 10}\n  - {id: o2, title: O2, baseline: 0, target: 10}\n---\n",
    "logs/2026-Q4/product/2026-11-20.md": (
        "---\nauthor: ana\nupdates:\n  a1: 1\nwins:\n"
        "  - {text: one, about: a11}\n"                               # line 6: OKR215, hint a1
        "  - {text: two, about: beta}\n"                             # line 7: OKR216 (objective and KR)
        "  - text: three\n    about: [b1, beta/b1]\n"                # line 9: OKR217 at the second
        "  - {text: four, about: 2026-Q3/product/old}\n"             # line 10: OKR218
        "  - {text: five, about: [alpha, product/beta/b2]}\n"        # fine
        "---\n"),
}


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    root = tmp_path_factory.mktemp("about-diags")
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return load_organization(Path(root), dt.date(2026, 11, 24))


def test_about_diagnostics_are_located_with_hints(org) -> None:
    found = {(d.code, d.location.line, d.location.column): d for d in org.diagnostics
             if d.location.path.endswith("2026-11-20.md")}
    assert sorted(found) == [("OKR215", 6, 24), ("OKR216", 7, 24), ("OKR217", 9, 17), ("OKR218", 10, 25)]
    assert "`a1`" in found[("OKR215", 6, 24)].hint
    assert "alpha/beta" in found[("OKR216", 7, 24)].hint and "product/beta" in found[("OKR216", 7, 24)].hint
    assert found[("OKR217", 9, 17)].severity.value == "warning"


def test_resolved_about_keeps_what_was_valid(org) -> None:
    log = next(x for x in org.logs if x.rel.endswith("2026-11-20.md"))
    about = {i.text: i.about for i in log.items}
    assert about == {"one": (), "two": (), "three": ("2026-Q4/product/beta/b1",), "four": (),
                     "five": ("2026-Q4/product/alpha", "2026-Q4/product/beta/b2")}
