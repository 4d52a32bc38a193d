"""Front matter decisions that are not mistakes: what hand-written YAML may leave out."""

from __future__ import annotations

import datetime as dt

from .orgs import objective, org_from

KRS = "  - {id: a, title: A, baseline: 0, target: 10}\n  - {id: b, title: B, baseline: 0, target: 5}\n"


def _errors(org):
    return [(d.code, d.message) for d in org.diagnostics if d.severity.value == "error"]


def test_an_empty_list_key_means_none(tmp_path):
    files = {**objective(KRS),
             "logs/2026-Q4/product/2026-11-20.md": "---\nauthor: pm\nupdates:\n  a: 3\nwins:\nchanges:\n---\n"}
    org = org_from(tmp_path, files)
    assert _errors(org) == []
    assert org.logs[0].wins == [] and org.logs[0].changes == []


def test_a_required_list_left_empty_is_still_an_error(tmp_path):
    files = {"okrs/2026-Q4/product/o.md": "---\ntitle: O\nowner: pm\nkey_results:\n---\n"}
    assert [c for c, _ in _errors(org_from(tmp_path, files))] == ["OKR103"]


def test_a_check_in_takes_its_date_from_the_file_name(tmp_path):
    files = {**objective(KRS), "logs/2026-Q4/product/2026-11-20.md": "---\nauthor: pm\nupdates:\n  a: 3\n---\n"}
    org = org_from(tmp_path, files)
    assert _errors(org) == []
    assert org.logs[0].date == dt.date(2026, 11, 20)
    assert org.objectives[0].key_results[0].check_ins[0].value == 3
