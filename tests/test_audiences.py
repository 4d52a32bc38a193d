"""Audiences (docs/audiences.md): the tiers, what an audience's organization holds, and the rule that
a child may be stricter than its parent, never looser (OKR316). The byte-level leak scan of built
sites and exports is tests/test_audiences_leak.py."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from okrsite.cli import AUDIENCES, main
from okrsite.hosts.mkdocs.plugin import OkrsiteConfig
from okrsite.model.visibility import TIERS, for_audience, rank, shown, tier
from okrsite.scoring.progress import objective_progress
from okrsite.site.pages import layout
from okrsite.site.view import SiteView
from tests.orgs import org_from

PUBLIC_UNITS = {
    "units/acme.md": "---\nname: ACME\nkind: company\nvisibility: public\n---\n",
    "units/product.md": "---\nname: Product\nkind: team\nparent: acme\nvisibility: public\n---\n",
}
# a public objective: KR `seen` public (as its objective), KR `secret` confidential
MIXED = """---
title: Grow
owner: acme
visibility: public
key_results:
  - {id: seen, title: Seen KR, baseline: 0, target: 10}
  - {id: secret, title: Secret KR, baseline: 0, target: 10, visibility: confidential}
---
"""
HIDDEN = """---
title: Hidden objective
owner: acme
visibility: private
tags: [hidden-tag]
key_results:
  - {id: h1, title: Hidden KR one, baseline: 0, target: 4}
  - {id: h2, title: Hidden KR two, baseline: 0, target: 4}
---
"""
LOG = """---
author: acme
visibility: public
updates:
  seen: {value: 5, note: seen note}
  secret: {value: 10, note: secret note}
  h1: {value: 2, note: hidden note}
tags: [log-tag]
changes:
  - {key_result: h1, field: target, from: 3, to: 4, reason: hidden reason}
  - {key_result: seen, field: target, from: 8, to: 10, reason: seen reason}
---
"""
FILES = {**PUBLIC_UNITS, "okrs/2026-Q4/product/grow.md": MIXED, "okrs/2026-Q4/product/hidden.md": HIDDEN,
         "logs/2026-Q4/product/2026-11-10.md": LOG}


@pytest.fixture
def org(tmp_path):
    org = org_from(tmp_path, FILES)
    assert [d for d in org.diagnostics if d.severity.value == "error"] == []
    return org


def test_tiers_are_ordered_and_the_old_words_keep_their_meaning():
    assert TIERS == ("public", "internal", "confidential")
    assert rank("public") < rank("internal") < rank("confidential")
    assert tier(None) == "internal"  # not written
    assert tier("company") == "internal" and tier("private") == "confidential"


def test_a_hidden_objective_leaves_nothing_in_a_public_unit_s_check_in(org):
    view = for_audience(org, "public")
    assert [o.slug for o in view.objectives] == ["grow"]
    (log,) = view.logs
    assert [(c.key_result.id, c.note) for c in log.check_ins] == [("seen", "seen note")]
    assert [ch.reason for ch in log.changes] == ["seen reason"]
    assert [kr.id for kr in view.objectives[0].key_results] == ["seen"]
    # the resolved organization is untouched: check and the write commands still see everything
    assert len(org.logs[0].check_ins) == 3 and len(org.logs[0].changes) == 2
    internal = for_audience(org, "internal")
    assert [c.key_result.id for c in internal.logs[0].check_ins] == ["seen"]
    confidential = for_audience(org, "confidential")
    assert {c.key_result.id for c in confidential.logs[0].check_ins} == {"seen", "secret", "h1"}


def test_roll_ups_are_computed_from_what_the_audience_may_see(org):
    """grow: `seen` 5 of 10 (0.5), `secret` 10 of 10 (1.0): public progress 0.5, the full one 0.75."""
    public = for_audience(org, "public").objectives[0]
    full = for_audience(org, "confidential").objectives[0]
    assert objective_progress(public, for_audience(org, "public")).progress == pytest.approx(0.5)
    assert objective_progress(full, for_audience(org, "confidential")).progress == pytest.approx(0.75)


def test_an_official_score_given_over_hidden_items_is_left_out(tmp_path):
    retro = "---\nunit_score: 0.9\nunit_score_reason: counts the hidden one\nvisibility: public\n---\n"
    org = org_from(tmp_path, {**FILES, "retros/2026-Q4/product.md": retro})
    assert for_audience(org, "public").retros[0].unit_score is None
    assert for_audience(org, "public").retros[0].unit_score_reason is None
    assert for_audience(org, "confidential").retros[0].unit_score == 0.9


def test_an_item_aligned_to_a_hidden_one_aligns_to_nothing_for_that_audience(tmp_path):
    aligned = MIXED.replace("visibility: public\n", "visibility: public\naligns_to: product/hidden\n", 1)
    org = org_from(tmp_path, {**FILES, "okrs/2026-Q4/product/grow.md": aligned})
    public = for_audience(org, "public").objectives[0]
    assert public.aligns_to is None and public.aligns_ref is None
    assert for_audience(org, "confidential").objectives[0].aligns_to.slug == "hidden"
    hidden = next(o for o in org.objectives if o.slug == "hidden")
    assert hidden.contributors and for_audience(org, "public").objectives[0].contributors == []


def test_not_written_is_internal_and_a_kr_takes_its_objective_s(tmp_path):
    files = {"units/acme.md": "---\nname: ACME\nkind: company\nvisibility: public\n---\n",
             "units/product.md": "---\nname: Product\nkind: team\nparent: acme\n---\n",  # internal
             "okrs/2026-Q4/product/grow.md": MIXED.replace("visibility: public\n", "", 1)}
    org = org_from(tmp_path, files)
    assert list(for_audience(org, "public").units) == ["acme"]
    assert for_audience(org, "public").objectives == []
    internal = for_audience(org, "internal")
    assert [kr.id for kr in internal.objectives[0].key_results] == ["seen"]  # `seen` says nothing: its objective's


def test_the_old_words_stay_valid_and_company_under_private_is_not_looser(tmp_path):
    files = {**PUBLIC_UNITS, "units/product.md": PUBLIC_UNITS["units/product.md"].replace("public", "private"),
             "okrs/2026-Q4/product/grow.md": MIXED.replace("visibility: public", "visibility: company", 1)}
    org = org_from(tmp_path, files)
    assert [d.code for d in org.diagnostics if d.code == "OKR316"] == []
    assert for_audience(org, "internal").objectives == []  # private unit = confidential
    assert len(for_audience(org, "confidential").objectives) == 1


def test_looser_than_the_parent_is_an_error_at_the_word(tmp_path):
    files = {**PUBLIC_UNITS, "okrs/2026-Q4/product/hidden.md": HIDDEN.replace(
        "  - {id: h2, title: Hidden KR two, baseline: 0, target: 4}",
        "  - {id: h2, title: Hidden KR two, baseline: 0, target: 4, visibility: internal}")}
    org = org_from(tmp_path, files)
    (d,) = [d for d in org.diagnostics if d.code == "OKR316"]
    assert d.location.line == 8 and "objective `hidden`, which is confidential" in d.message
    assert "never looser" in d.hint


def test_every_consumer_of_one_organization_shares_the_audience_s_objects(org):
    view = SiteView(org, "en")
    pages = {p.src_uri: p for p in layout(org, "en")}
    (obj,) = view.objectives
    assert any(p.obj is obj for p in pages.values())  # the page's object is the view's object
    assert shown(org) is view.org and view.org.audience == "internal"
    assert not any("hidden" in uri for uri in pages)


def test_a_view_cannot_be_widened(org):
    public = for_audience(org, "public")
    assert for_audience(public, "public") is public
    with pytest.raises(ValueError):
        for_audience(public, "internal")
    with pytest.raises(ValueError):
        for_audience(org, "secret")
    narrowed = for_audience(for_audience(org, "confidential"), "public")  # narrowing a wider view filters it
    assert [kr.id for o in narrowed.objectives for kr in o.key_results] == ["seen"]


def test_the_audience_options_name_the_tiers():
    assert AUDIENCES == TIERS
    config = OkrsiteConfig()
    config.load_dict({"audience": "everyone"})
    errors, _ = config.validate()
    assert errors and "audience" in errors[0][0]
    config = OkrsiteConfig()
    config.load_dict({})
    config.validate()
    assert config.audience == "internal"


def test_check_says_how_much_a_build_for_an_audience_shows(tmp_path):
    org_from(tmp_path, FILES)
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--today", "2026-11-24", "--audience", "public"])
    # 2 objectives (grow, hidden), 4 KRs, 1 check-in; public: grow with `seen`, the public check-in
    assert "audience public: a build shows 1 of 2 objectives, 1 of 4 key results, 1 of 1 check-ins, " \
           "0 of 0 retrospectives" in result.output


@pytest.mark.parametrize("rel, text", [
    ("units/team.md", "---\nname: Team\nkind: team\nparent: product\nvisibility: public\n---\n"),
    ("logs/2026-Q4/product/2026-11-11.md", "---\nauthor: acme\nvisibility: public\nupdates:\n  h1: 1\n---\n"),
    ("retros/2026-Q4/product.md", "---\nvisibility: public\n---\n"),
], ids=["unit", "check-in", "retrospective"])
def test_every_file_kind_may_not_be_looser_than_its_unit(tmp_path, rel, text):
    quiet = {k: v for k, v in FILES.items() if not k.startswith("logs/")}  # its check-in is public
    internal = {**quiet, "units/product.md": "---\nname: Product\nkind: team\nparent: acme\n---\n",
                "okrs/2026-Q4/product/grow.md": MIXED.replace("visibility: public\n", "", 1), rel: text}
    org = org_from(tmp_path, internal)
    found = [(d.location.path.endswith(rel), d.location.line) for d in org.diagnostics if d.code == "OKR316"]
    line = text.splitlines().index("visibility: public") + 1
    assert found == [(True, line)]
    assert "unit `product`, which is internal" in next(d.message for d in org.diagnostics if d.code == "OKR316")


def test_an_export_says_its_audience_and_holds_only_what_it_may_read(org, tmp_path):
    from okrsite.export.data import data

    record = data(for_audience(org, "public"))
    assert record["audience"] == "public"
    assert [kr["id"] for o in record["objectives"] for kr in o["key_results"]] == ["seen"]
    assert [c["note"] for c in record["check_ins"]] == ["seen note"]
    assert data(org)["audience"] == "internal"  # the default audience when none was chosen
